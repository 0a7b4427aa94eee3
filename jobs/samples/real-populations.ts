import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'papaparse';
import { PROJECT_ROOT } from '../../src/config/project-root';

// The real ONS mid-2019 populations the hub ships (data/ons/, see its README), read for the
// sample generator: districts' totals, and the LSOAs of each district with their totals, so
// sample crimes fall in real LSOAs in proportion to the people living there.

export const ONS_DIR = join(PROJECT_ROOT, 'data', 'ons');
export const DISTRICT_POPULATION_FILE = 'population-lad-mid2019-persons-syoa.csv';
export const LSOA_POPULATION_FILE = 'population-lsoa-mid2019-hampshire-gloucestershire-syoa.csv';

export interface LsoaPopulation {
  code: string;
  name: string;
  population: number;
}

function rows(file: string): Array<Record<string, string>> {
  return parse<Record<string, string>>(readFileSync(join(ONS_DIR, file), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

/** Mid-2019 population by district code. */
export function districtPopulations(): Map<string, number> {
  return new Map(rows(DISTRICT_POPULATION_FILE).map((r) => [r.lad_code!, Number(r.total_population)]));
}

/** The LSOAs of each district the LSOA file covers, in code order, with their mid-2019 population. */
export function lsoaPopulations(): Map<string, LsoaPopulation[]> {
  const out = new Map<string, LsoaPopulation[]>();
  for (const r of rows(LSOA_POPULATION_FILE)) {
    const list = out.get(r.lad_code!) ?? [];
    list.push({ code: r.lsoa_code!, name: r.lsoa_name!, population: Number(r.total_population) });
    out.set(r.lad_code!, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return out;
}
