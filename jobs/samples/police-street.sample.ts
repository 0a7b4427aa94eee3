import { CRIME_TYPES, STREET_HEADER } from '../../src/ingest/connectors/police-street.connector';
import { monthRange } from '../../src/analytics/period';
import { Random, seasonal } from './random';
import { districtPopulations, lsoaPopulations, type LsoaPopulation } from './real-populations';

// SAMPLE DATA: street-level crime files in the data.police.uk layout for the partnerships'
// districts only, with a July peak and one planted spike (Gosport violence, July 2023) so SPC
// charts have something to find. Real where it can be: each crime falls in a real LSOA of its
// district (2011 codes and names), chosen in proportion to the LSOA's mid-2019 population, and
// each district's level is its real rate of crimes per 1,000 residents (below) times its real
// mid-2019 population (data/ons/). The crimes themselves are invented.

export interface SampleDistrict {
  code: string;
  name: string;
  force: 'hampshire' | 'gloucestershire';
  /**
   * Crimes a month per 1,000 residents. Hampshire's districts: their mean over the real months
   * March to September 2017 (data.police.uk, Hampshire Constabulary, 7 files: Gosport 870.9 a
   * month over 84,838 residents, and so on). Gloucester: no Gloucestershire file is at hand, so
   * the Hampshire force's own rate over those months (17,830 a month over 1,991,738).
   */
  ratePer1000: number;
  lon: number;
  lat: number;
}

export const SAMPLE_DISTRICTS: SampleDistrict[] = [
  { code: 'E07000088', name: 'Gosport', force: 'hampshire', ratePer1000: 10.27, lon: -1.16, lat: 50.8 },
  { code: 'E07000084', name: 'Basingstoke and Deane', force: 'hampshire', ratePer1000: 8.02, lon: -1.09, lat: 51.27 },
  { code: 'E07000089', name: 'Hart', force: 'hampshire', ratePer1000: 4.83, lon: -0.88, lat: 51.28 },
  { code: 'E07000092', name: 'Rushmoor', force: 'hampshire', ratePer1000: 9.46, lon: -0.76, lat: 51.27 },
  { code: 'E06000044', name: 'Portsmouth', force: 'hampshire', ratePer1000: 14.22, lon: -1.08, lat: 50.8 },
  { code: 'E07000081', name: 'Gloucester', force: 'gloucestershire', ratePer1000: 8.95, lon: -2.24, lat: 51.86 },
];

/** Shares of all rows by crime type in the same real Hampshire months (124,812 rows). */
const SHARES: Record<string, number> = {
  'Anti-social behaviour': 0.2664,
  'Violence and sexual offences': 0.2534,
  'Criminal damage and arson': 0.0918,
  'Public order': 0.0753,
  Shoplifting: 0.0647,
  'Other theft': 0.0641,
  Burglary: 0.0597,
  'Vehicle crime': 0.0563,
  'Bicycle theft': 0.0212,
  Drugs: 0.0164,
  'Other crime': 0.0131,
  'Possession of weapons': 0.0066,
  'Theft from the person': 0.0059,
  Robbery: 0.0051,
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
export const SPIKE = {
  district: 'E07000088',
  crimeType: 'Violence and sexual offences',
  month: '2023-07',
  factor: 1.6,
};

/** A district's LSOAs, drawn in proportion to their population. */
interface LsoaDraw {
  lsoas: LsoaPopulation[];
  /** Running totals of population, for a weighted draw. */
  cumulative: number[];
}

function lsoaDraw(lsoas: LsoaPopulation[]): LsoaDraw {
  let total = 0;
  return { lsoas, cumulative: lsoas.map((l) => (total += l.population)) };
}

function drawLsoa(rng: Random, draw: LsoaDraw): LsoaPopulation {
  const target = rng.next() * draw.cumulative[draw.cumulative.length - 1]!;
  let lo = 0;
  let hi = draw.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (draw.cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return draw.lsoas[lo]!;
}

/** The expected mean for a district, crime type and month (before noise). */
function mean(d: SampleDistrict, population: number, crimeType: string, month: string, firstYear: number): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const trend = 1 + 0.02 * (y - firstYear);
  const season = SEASONAL_TYPES.has(crimeType) ? seasonal(m, 0.15) : seasonal(m, 0.04);
  const spike = d.code === SPIKE.district && crimeType === SPIKE.crimeType && month === SPIKE.month ? SPIKE.factor : 1;
  return ((d.ratePer1000 * population) / 1000) * (SHARES[crimeType] ?? 0) * trend * season * spike;
}

function row(rng: Random, d: SampleDistrict, draw: LsoaDraw, month: string, crimeType: string): string {
  const asb = crimeType === 'Anti-social behaviour';
  const lsoa = drawLsoa(rng, draw);
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
    unlocated ? '' : lsoa.code,
    unlocated ? '' : lsoa.name,
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
  const people = districtPopulations();
  const lsoas = lsoaPopulations();
  const districts = SAMPLE_DISTRICTS.map((d) => {
    const population = people.get(d.code);
    const own = lsoas.get(d.code);
    if (population === undefined || !own?.length) throw new Error(`no mid-2019 population for ${d.code} in data/ons`);
    return { d, population, draw: lsoaDraw(own) };
  });
  const files: PoliceSampleFile[] = [];
  for (const month of monthRange(from, to)) {
    for (const force of ['hampshire', 'gloucestershire'] as const) {
      const lines = [STREET_HEADER.join(',')];
      for (const { d, population, draw } of districts) {
        if (d.force !== force) continue;
        for (const crimeType of CRIME_TYPES) {
          const count = rng.count(mean(d, population, crimeType, month, firstYear));
          for (let k = 0; k < count; k += 1) lines.push(row(rng, d, draw, month, crimeType));
        }
      }
      const eol = force === 'gloucestershire' ? '\r\n' : '\n';
      files.push({ name: `${month}-${force}-street.csv`, text: lines.join(eol) + eol });
    }
  }
  return files;
}
