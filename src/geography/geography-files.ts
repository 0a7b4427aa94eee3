import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'papaparse';
import { buildGeography, type Geography, type GeographyRows, type Row } from './geography-build';

// The geography files as shipped in data/geography/ (sources and licence in its README). The
// LSOA lookup is gzipped (2.6 MB as CSV, 0.26 MB gzipped, read in a few milliseconds); the
// others are small CSVs kept as published so a diff shows any change.

export const GEOGRAPHY_FILES = {
  lsoas: 'lsoa11-msoa11-lad19-england-wales.csv.gz',
  partnerships: 'lad17-csp17-pfa17-england-wales.csv',
  fireEngland: 'lad19-fra19-response-times-3yr-avg.csv',
  fireWales: 'lad19-fra19-wales.csv',
  fireSuccessors: 'fra-successors.csv',
  counties: 'lad19-county-region-england-wales.csv',
} as const;

/**
 * Bumped when the way the files become areas changes, so a store loaded by an earlier version
 * of this code loads again even though the files are the same.
 */
const BUILD_VERSION = '1';

export interface GeographyFiles {
  /** Each file's bytes, by its role. */
  bytes: Record<keyof typeof GEOGRAPHY_FILES, Buffer>;
  /** SHA-256 of the build version and every file, in a fixed order. */
  hash: string;
}

export function readGeographyFiles(dir: string): GeographyFiles {
  const bytes = {} as GeographyFiles['bytes'];
  const hash = createHash('sha256').update(`geography build ${BUILD_VERSION}\n`);
  for (const [role, name] of Object.entries(GEOGRAPHY_FILES) as Array<[keyof typeof GEOGRAPHY_FILES, string]>) {
    bytes[role] = readFileSync(join(dir, name));
    hash.update(`${name}\n`).update(bytes[role]);
  }
  return { bytes, hash: hash.digest('hex') };
}

function rowsOf(bytes: Buffer, gzipped: boolean): Row[] {
  const text = (gzipped ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  const parsed = parse<Row>(text, { header: true, skipEmptyLines: true });
  return parsed.data;
}

export function geographyRows(files: GeographyFiles): GeographyRows {
  const b = files.bytes;
  return {
    lsoas: rowsOf(b.lsoas, true),
    partnerships: rowsOf(b.partnerships, false),
    fireAuthorities: [...rowsOf(b.fireEngland, false), ...rowsOf(b.fireWales, false)],
    fireSuccessors: rowsOf(b.fireSuccessors, false),
    counties: rowsOf(b.counties, false),
  };
}

/** The geography the files in `dir` describe; throws GeographyError listing every problem. */
export function readGeography(dir: string): Geography {
  return buildGeography(geographyRows(readGeographyFiles(dir)));
}
