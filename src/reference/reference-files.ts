import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReferences } from './reference-check';
import type { ReferenceData } from './reference.types';
import {
  areaShape,
  datasetShape,
  documentShape,
  measureShape,
  organisationShape,
  partnershipShape,
  themeShape,
} from './reference.shapes';
import { arrayOf, type Problems, type Shape } from './shape';

/** Every problem found in the reference files, each with its file and path. Nothing is written. */
export class ReferenceDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`reference data has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ReferenceDataError';
  }
}

function readJson(file: string, problems: Problems): unknown {
  if (!existsSync(file)) {
    problems.push(`${file}: missing`);
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    return undefined;
  }
}

function readFile<T>(file: string, shape: Shape<T>, problems: Problems): T | undefined {
  const json = readJson(file, problems);
  return json === undefined ? undefined : shape(json, file, problems);
}

function jsonFilesIn(dir: string, problems: Problems): string[] {
  if (!existsSync(dir)) {
    problems.push(`${dir}: missing folder`);
    return [];
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Reads and checks the whole reference folder; throws ReferenceDataError listing every problem. */
export function readReferenceData(dir: string): ReferenceData {
  const problems: Problems = [];
  const list = <T>(name: string, shape: Shape<T>): T[] => readFile(join(dir, name), arrayOf(shape), problems) ?? [];
  const data: ReferenceData = {
    documents: list('documents.json', documentShape),
    areas: list('areas.json', areaShape),
    themes: list('themes.json', themeShape),
    datasets: list('datasets.json', datasetShape),
    organisations: list('organisations.json', organisationShape),
    measures: jsonFilesIn(join(dir, 'measures'), problems).flatMap(
      (f) => readFile(f, arrayOf(measureShape), problems) ?? [],
    ),
    partnerships: jsonFilesIn(join(dir, 'partnerships'), problems).flatMap((f) => {
      const p = readFile(f, partnershipShape, problems);
      return p ? [p] : [];
    }),
  };
  if (problems.length === 0) problems.push(...checkReferences(data));
  if (problems.length > 0) throw new ReferenceDataError(problems);
  return data;
}
