import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Real published files kept with the tests (their sources and licence: test/fixtures/README.md). */
export const FIXTURES_DIR = join(__dirname, '..', 'fixtures');
export const POLICE_SAMPLE = join(FIXTURES_DIR, 'police-uk-street-hampshire-2022-02.csv');
/** A whole real month, gzipped but otherwise as published: 17,932 crimes, CRLF line endings. */
export const POLICE_MONTH_2017_03 = join(FIXTURES_DIR, 'police-uk-street-hampshire-2017-03.csv.gz');
export const FINGERTIPS_SAMPLE = join(FIXTURES_DIR, 'fingertips-all-data-93356-county-ua-2015-2017.csv');

/** Writes a variant of a fixture to a temp folder under a given file name; returns its path. */
export function writeFixture(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-fixture-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export function readSample(path: string): string {
  return readFileSync(path, 'utf8');
}
