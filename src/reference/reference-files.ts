import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { checkWith } from '../errors/zod-problems';
import { checkReferences } from './reference-check';
import type { ReferenceData } from './reference.types';
import {
  datasetSchema,
  documentSchema,
  measureSchema,
  organisationSchema,
  partnershipSchema,
  themeSchema,
} from './reference.schema';

/** Every problem found in the reference files, each with its file and path. Nothing is written. */
export class ReferenceDataError extends Error {
  constructor(
    readonly problems: string[],
    dir?: string,
  ) {
    super(
      `reference data${dir === undefined ? '' : ` in ${dir}`} has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ReferenceDataError';
  }
}

// Files are named relative to the reference folder (partnerships/gosport.json), the way a
// person editing them thinks of them; the folder itself is named once, in the error.

function readJson(dir: string, name: string, problems: string[]): unknown {
  const file = join(dir, name);
  if (!existsSync(file)) {
    problems.push(`${name}: missing`);
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${name}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    return undefined;
  }
}

function readFile<S extends z.ZodType>(
  dir: string,
  name: string,
  schema: S,
  problems: string[],
): z.output<S> | undefined {
  const json = readJson(dir, name, problems);
  if (json === undefined) return undefined;
  const checked = checkWith(schema, json, name);
  if (checked.ok) return checked.data;
  problems.push(...checked.problems);
  return undefined;
}

function jsonFilesIn(dir: string, folder: string, problems: string[]): string[] {
  if (!existsSync(join(dir, folder))) {
    problems.push(`${folder}: missing folder`);
    return [];
  }
  return readdirSync(join(dir, folder))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `${folder}/${f}`);
}

/**
 * Reads and checks the whole reference folder against the areas the hub knows (the geography's
 * codes: data/geography/, loaded into the store first); throws ReferenceDataError listing every
 * problem.
 */
export function readReferenceData(dir: string, areaCodes: ReadonlySet<string>): ReferenceData {
  const problems: string[] = [];
  const list = <S extends z.ZodType>(name: string, schema: S): Array<z.output<S>> =>
    readFile(dir, name, z.array(schema), problems) ?? [];
  const data: ReferenceData = {
    documents: list('documents.json', documentSchema),
    themes: list('themes.json', themeSchema),
    datasets: list('datasets.json', datasetSchema),
    organisations: list('organisations.json', organisationSchema),
    measures: jsonFilesIn(dir, 'measures', problems).flatMap((f) => list(f, measureSchema)),
    partnerships: jsonFilesIn(dir, 'partnerships', problems).flatMap((f) => {
      const p = readFile(dir, f, partnershipSchema, problems);
      return p ? [p] : [];
    }),
  };
  // The cross-references are only worth checking once every file has its shape: a missing
  // field would otherwise show up again as a string of unknown codes.
  if (problems.length === 0) problems.push(...checkReferences(data, areaCodes));
  if (problems.length > 0) throw new ReferenceDataError(problems, dir);
  return data;
}
