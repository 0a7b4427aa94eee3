import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/project-root';
import { AreaType } from '../../src/domain/enums';
import { readGeography } from '../../src/geography/geography-files';
import type { GeographyArea } from '../../src/geography/geography-build';
import { CRIME_TYPES, STREET_HEADER } from '../../src/ingest/connectors/police-street.connector';
import { POLICE_FORCES, type PoliceForce } from '../../src/ingest/connectors/police-forces';
import { Random } from './random';

// SAMPLE DATA at national scale: one month of street-level crime for every force in
// data.police.uk's archive layout (YYYY-MM/YYYY-MM-<force>-street.csv), for the scale benchmark
// and the national-totals test. Every crime falls in a real LSOA (2011) of its force's area,
// from the shipped geography; a force's share of the month is its share of LSOAs. British
// Transport Police gets a few crimes at LSOAs anywhere, as its real files have. The crimes are
// invented.

export interface NationalMonthOptions {
  month: string;
  /** Crimes in all, shared among the territorial forces by their LSOAs (British Transport Police adds 1% more). */
  rows: number;
  seed?: number;
  /** Only these force ids (default: every force data.police.uk publishes for England and Wales). */
  forces?: string[];
}

export interface ForceFile {
  force: PoliceForce;
  /** As in the archive: YYYY-MM/YYYY-MM-<force>-street.csv. */
  path: string;
  text: string;
  /** Crimes in the file, and how many of them have an LSOA. */
  rows: number;
}

interface Lsoa {
  code: string;
  name: string;
}

/** Each territorial force's LSOAs, from the geography's LSOA → district → police force area links. */
export function lsoasByForce(geographyDir = join(PROJECT_ROOT, 'data', 'geography')): Map<string, Lsoa[]> {
  const areas = readGeography(geographyDir).areas;
  const byCode = new Map<string, GeographyArea>(areas.map((a) => [a.code, a]));
  const forceOfPfa = new Map(POLICE_FORCES.flatMap((f) => (f.policeForceArea ? [[f.policeForceArea, f.id]] : [])));
  const out = new Map<string, Lsoa[]>();
  for (const a of areas) {
    if (a.type !== AreaType.LSOA) continue;
    const district = a.parents.map((p) => byCode.get(p)).find((p) => p?.type === AreaType.DISTRICT);
    const pfa = district?.parents.find((p) => byCode.get(p)?.type === AreaType.POLICE_FORCE_AREA);
    const force = pfa ? forceOfPfa.get(pfa) : undefined;
    if (!force) continue;
    const list = out.get(force) ?? [];
    list.push({ code: a.code, name: a.name });
    out.set(force, list);
  }
  return out;
}

const csvRow = (fields: string[]): string =>
  fields.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');

/** One month's file per force, in archive order. */
export function nationalMonth(options: NationalMonthOptions, lsoas = lsoasByForce()): ForceFile[] {
  const random = new Random(options.seed ?? 20_190_601);
  const wanted = (f: PoliceForce): boolean =>
    (options.forces ? options.forces.includes(f.id) : true) && f.id !== 'northern-ireland';
  const territorial = POLICE_FORCES.filter((f) => f.policeForceArea && wanted(f));
  const totalLsoas = territorial.reduce((n, f) => n + (lsoas.get(f.id)?.length ?? 0), 0);
  const everywhere = [...lsoas.values()].flat();
  const files: ForceFile[] = [];
  for (const force of POLICE_FORCES.filter(wanted)) {
    const own = force.policeForceArea ? (lsoas.get(force.id) ?? []) : everywhere;
    const rows = force.policeForceArea
      ? Math.max(1, Math.round((options.rows * own.length) / Math.max(totalLsoas, 1)))
      : Math.round(options.rows / 100);
    const name = force.names[0]!;
    const lines = [STREET_HEADER.join(',')];
    for (let i = 0; i < rows; i += 1) {
      const type = random.pick(CRIME_TYPES);
      // One crime in 200 is located to the force only, as real files have a few.
      const lsoa = random.next() < 0.005 || own.length === 0 ? null : random.pick(own);
      lines.push(
        csvRow([
          type === 'Anti-social behaviour' ? '' : `${force.id}-${options.month}-${i}`,
          options.month,
          name,
          name,
          lsoa ? (-2 + random.next()).toFixed(6) : '',
          lsoa ? (52 + random.next()).toFixed(6) : '',
          lsoa ? 'On or near Sample Street' : 'No location',
          lsoa?.code ?? '',
          lsoa?.name ?? '',
          type,
          type === 'Anti-social behaviour' ? '' : 'Under investigation',
          '',
        ]),
      );
    }
    files.push({
      force,
      path: `${options.month}/${options.month}-${force.id}-street.csv`,
      text: `${lines.join('\n')}\n`,
      rows,
    });
  }
  return files;
}
