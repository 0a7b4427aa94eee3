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
// person editing them thinks of them; the folder itself is named once, in the error. A place in
// a file is a JSON Pointer: `partnerships/gosport.json: /plans/0/title: expected ...`.

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
  const checked = checkWith(schema, json, name, 'pointer');
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
 * Which file holds each record a cross-reference problem starts by naming ("plan gosport-2020-21
 * priority 1: unknown theme ..."), so the problem can name its file first, as a shape problem
 * does. A problem about several files at once (an id defined twice) is left as it is.
 */
class RecordFiles {
  private readonly files = new Map<string, string>();

  add<T>(file: string, kind: string, items: T[], ids: (item: T) => string[]): T[] {
    for (const item of items) for (const id of ids(item)) this.files.set(`${kind} ${id}`, file);
    return items;
  }

  name(problem: string): string {
    const m = /^([a-z]+ [^\s:]+)[\s:]/.exec(problem);
    const file = m ? this.files.get(m[1]!) : undefined;
    return file ? `${file}: ${problem}` : problem;
  }
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
  const records = new RecordFiles();
  const data: ReferenceData = {
    documents: records.add('documents.json', 'document', list('documents.json', documentSchema), (d) => [d.id]),
    themes: list('themes.json', themeSchema),
    datasets: list('datasets.json', datasetSchema),
    organisations: records.add(
      'organisations.json',
      'organisation',
      list('organisations.json', organisationSchema),
      (o) => [o.id],
    ),
    measures: jsonFilesIn(dir, 'measures', problems).flatMap((f) =>
      records.add(f, 'measure', list(f, measureSchema), (m) => [m.code]),
    ),
    partnerships: jsonFilesIn(dir, 'partnerships', problems).flatMap((f) => {
      const p = readFile(dir, f, partnershipSchema, problems);
      if (!p) return [];
      records.add(f, 'partnership', [p], (x) => [x.slug]);
      records.add(f, 'plan', p.plans, (x) => [x.id]);
      records.add(f, 'group', p.groups, (x) => [x.id]);
      records.add(f, 'meeting', p.meetings, (x) => [x.id]);
      return [p];
    }),
  };
  // The cross-references are only worth checking once every file has its shape: a missing
  // field would otherwise show up again as a string of unknown codes.
  if (problems.length === 0) problems.push(...checkReferences(data, areaCodes).map((p) => records.name(p)));
  if (problems.length > 0) throw new ReferenceDataError(problems, dir);
  return data;
}
