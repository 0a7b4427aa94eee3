import { CRIME_TYPES, STREET_HEADER } from '../../src/ingest/connectors/police-street.connector';
import { monthRange } from '../../src/analytics/period';
import { Random, seasonal } from './random';

// SAMPLE DATA: street-level crime files in the data.police.uk layout for the partnerships'
// districts only, with plausible levels, a July peak and one planted spike (Gosport violence,
// July 2023) so SPC charts have something to find. LSOA codes E0190xxxx are synthetic: no real
// LSOA uses that range.

export interface SampleDistrict {
  code: string;
  name: string;
  force: 'hampshire' | 'gloucestershire';
  monthly: number;
  lon: number;
  lat: number;
}

export const SAMPLE_DISTRICTS: SampleDistrict[] = [
  { code: 'E07000088', name: 'Gosport', force: 'hampshire', monthly: 640, lon: -1.16, lat: 50.8 },
  { code: 'E07000084', name: 'Basingstoke and Deane', force: 'hampshire', monthly: 1100, lon: -1.09, lat: 51.27 },
  { code: 'E07000089', name: 'Hart', force: 'hampshire', monthly: 430, lon: -0.88, lat: 51.28 },
  { code: 'E07000092', name: 'Rushmoor', force: 'hampshire', monthly: 760, lon: -0.76, lat: 51.27 },
  { code: 'E06000044', name: 'Portsmouth', force: 'hampshire', monthly: 2100, lon: -1.08, lat: 50.8 },
  { code: 'E07000081', name: 'Gloucester', force: 'gloucestershire', monthly: 1300, lon: -2.24, lat: 51.86 },
];

const SHARES: Record<string, number> = {
  'Anti-social behaviour': 0.2,
  'Violence and sexual offences': 0.33,
  'Other theft': 0.06,
  Shoplifting: 0.06,
  'Criminal damage and arson': 0.08,
  'Public order': 0.08,
  'Vehicle crime': 0.05,
  Burglary: 0.04,
  Drugs: 0.03,
  'Other crime': 0.02,
  'Possession of weapons': 0.01,
  Robbery: 0.01,
  'Theft from the person': 0.01,
  'Bicycle theft': 0.02,
};
const SEASONAL_TYPES = new Set(['Anti-social behaviour', 'Violence and sexual offences', 'Public order']);
const OUTCOMES = [
  'Under investigation',
  'Investigation complete; no suspect identified',
  'Unable to prosecute suspect',
  'Local resolution',
  'Awaiting court outcome',
  'Offender given a caution',
];
const FORCE_NAME = { hampshire: 'Hampshire Constabulary', gloucestershire: 'Gloucestershire Constabulary' };
export const LSOAS_PER_DISTRICT = 8;
export const SPIKE = {
  district: 'E07000088',
  crimeType: 'Violence and sexual offences',
  month: '2023-07',
  factor: 1.6,
};

export const lsoaCode = (districtIndex: number, n: number): string =>
  `E0190${String(districtIndex + 1).padStart(2, '0')}${String(n).padStart(2, '0')}`;

/** The expected mean for a district, crime type and month (before noise). */
function mean(d: SampleDistrict, crimeType: string, month: string, firstYear: number): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const trend = 1 + 0.02 * (y - firstYear);
  const season = SEASONAL_TYPES.has(crimeType) ? seasonal(m, 0.15) : seasonal(m, 0.04);
  const spike = d.code === SPIKE.district && crimeType === SPIKE.crimeType && month === SPIKE.month ? SPIKE.factor : 1;
  return d.monthly * (SHARES[crimeType] ?? 0) * trend * season * spike;
}

function row(rng: Random, d: SampleDistrict, districtIndex: number, month: string, crimeType: string): string {
  const asb = crimeType === 'Anti-social behaviour';
  const n = rng.int(1, LSOAS_PER_DISTRICT);
  const lon = (d.lon + (rng.next() - 0.5) * 0.06).toFixed(6);
  const lat = (d.lat + (rng.next() - 0.5) * 0.04).toFixed(6);
  // About 1 row in 300 is located only to the force: coordinates but no LSOA.
  const unlocated = rng.next() < 1 / 300;
  return [
    asb ? '' : rng.hex(64),
    month,
    FORCE_NAME[d.force],
    FORCE_NAME[d.force],
    lon,
    lat,
    `On or near Sample Street ${rng.int(1, 400)}`,
    unlocated ? '' : lsoaCode(districtIndex, n),
    unlocated ? '' : `${d.name} ${String(n).padStart(3, '0')}A`,
    crimeType,
    asb ? '' : rng.pick(OUTCOMES),
    '',
  ].join(',');
}

export interface PoliceSampleFile {
  name: string;
  text: string;
}

/** One file per force and month, LF for Hampshire and CRLF for Gloucestershire as published. */
export function policeStreetSamples(from: string, to: string, seed = 20221): PoliceSampleFile[] {
  const rng = new Random(seed);
  const firstYear = Number(from.slice(0, 4));
  const files: PoliceSampleFile[] = [];
  for (const month of monthRange(from, to)) {
    for (const force of ['hampshire', 'gloucestershire'] as const) {
      const lines = [STREET_HEADER.join(',')];
      SAMPLE_DISTRICTS.forEach((d, i) => {
        if (d.force !== force) return;
        for (const crimeType of CRIME_TYPES) {
          const count = rng.count(mean(d, crimeType, month, firstYear));
          for (let k = 0; k < count; k += 1) lines.push(row(rng, d, i, month, crimeType));
        }
      });
      const eol = force === 'gloucestershire' ? '\r\n' : '\n';
      files.push({ name: `${month}-${force}-street.csv`, text: lines.join(eol) + eol });
    }
  }
  return files;
}
