import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// ajv checks the generated JSON Schema with a validator that has nothing to do with zod, as an
// editor would. Its default draft is draft-07, the draft the schema is written in.
import Ajv from 'ajv';
import { checkWith } from '../../src/errors/zod-problems';
import { PLAN_FILE_SCHEMA, planFileJsonSchema } from '../../src/reference/plan-file-schema';
import { partnershipSchema } from '../../src/reference/reference.schema';

const ROOT = join(__dirname, '..', '..');
const PARTNERSHIPS = join(ROOT, 'data', 'reference', 'partnerships');

/** The parts of a JSON Schema these tests look at. */
interface Node {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Node;
  enum?: string[];
  anyOf?: Node[];
  pattern?: string;
}

const committed = JSON.parse(readFileSync(join(ROOT, PLAN_FILE_SCHEMA), 'utf8')) as Node;

/** The schema of the items of a list property, following a path of list properties. */
function itemsAt(schema: Node, ...path: string[]): Node {
  return path.reduce((node, key) => {
    const items = node.properties?.[key]?.items;
    if (!items) throw new Error(`no list ${key} in the schema`);
    return items;
  }, schema);
}

const planFiles = readdirSync(PARTNERSHIPS)
  .filter((f) => f.endsWith('.json'))
  .sort();
const readPlanFile = (name: string): unknown => JSON.parse(readFileSync(join(PARTNERSHIPS, name), 'utf8'));

test(`${PLAN_FILE_SCHEMA} is what the code generates (run \`npm run schema:plan-file\` after a change)`, () => {
  // Compared as data, so a failure shows only the fields that differ; the file's layout is
  // prettier's, and format:check looks after that.
  expect(committed).toEqual(planFileJsonSchema());
});

describe('a JSON Schema validator that is not zod', () => {
  const validate = new Ajv({ allErrors: true }).compile(committed);

  test.each(planFiles)('accepts the shipped plan file %s', (name) => {
    expect(validate(readPlanFile(name)) ? [] : validate.errors).toEqual([]);
  });

  test('refuses a plan file with two mistakes, at both places', () => {
    const gosport = readPlanFile('gosport.json') as {
      plans: Array<{ priorities: Array<Record<string, unknown>> }>;
      figures: Array<Record<string, unknown>>;
    };
    gosport.plans[0]!.priorities[2]!.code = 3;
    gosport.figures[1]!.area = 'Gosport';
    expect(validate(gosport)).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([
      '/plans/0/priorities/2/code must be string',
      '/figures/1/area must match pattern "^[EWSNK]\\d{8}$"',
    ]);
  });
});

test('a plan file may name the schema for its editor: the loader and the validator both accept "$schema"', () => {
  const gosport = { $schema: '../../../docs/plan-file.schema.json', ...(readPlanFile('gosport.json') as object) };
  expect(new Ajv().validate(committed, gosport)).toBe(true);
  expect(checkWith(partnershipSchema, gosport, 'partnerships/gosport.json').ok).toBe(true);
});

// What the shipped files show a plan file to be, written out by hand from reading them, held
// against the generated schema: a schema that drifted from the files would show here.
describe('the schema says what the shipped plan files show', () => {
  const files = planFiles.map((name) => readPlanFile(name) as { plans: Array<Record<string, unknown>> });
  const priorities = files.flatMap((f) =>
    f.plans.flatMap((p) => p.priorities as Array<Record<string, unknown> & { measures: Array<{ basis: string }> }>),
  );

  test('a priority has these keys, each of them required except the rationale and decisions, and no others', () => {
    const keys = [
      'code',
      'title',
      'rationale',
      'themes',
      'planningGroups',
      'keyPersonnel',
      'objectives',
      'measures',
      'actions',
    ];
    // Decisions are there only for a priority with a field that is not the plan's words.
    for (const p of priorities)
      expect(
        Object.keys(p)
          .filter((k) => k !== 'decisions')
          .sort(),
      ).toEqual([...keys].sort());
    expect(priorities.filter((p) => 'decisions' in p).length).toBeGreaterThan(0);
    const priority = itemsAt(committed, 'plans', 'priorities');
    expect(Object.keys(priority.properties ?? {}).sort()).toEqual([...keys, 'decisions'].sort());
    expect(priority.required?.sort()).toEqual(keys.filter((k) => k !== 'rationale').sort());
    expect(priority.additionalProperties).toBe(false);
  });

  test('a measure link basis is PLAN or HUB, on a priority and on an objective', () => {
    const used = new Set(priorities.flatMap((p) => p.measures.map((m) => m.basis)));
    expect([...used].sort()).toEqual(['HUB', 'PLAN']);
    for (const link of [
      itemsAt(committed, 'plans', 'priorities', 'measures'),
      itemsAt(committed, 'plans', 'priorities', 'objectives', 'measures'),
    ]) {
      expect(link.properties?.basis?.enum).toEqual(['PLAN', 'HUB']);
      expect(link.required).toEqual(['measure', 'basis']);
    }
  });

  test('a plan is PUBLISHED, DRAFT or SUPERSEDED, and its dates are YYYY-MM-DD', () => {
    const plan = itemsAt(committed, 'plans');
    expect(plan.properties?.status?.enum).toEqual(['PUBLISHED', 'DRAFT', 'SUPERSEDED']);
    const dates = new RegExp(plan.properties?.periodStart?.pattern ?? '');
    expect(['2020-04-01', '2021-03-31'].every((d) => dates.test(d))).toBe(true);
    expect(['2020-4-1', '2020-13-01', '01/04/2020'].some((d) => dates.test(d))).toBe(false);
  });

  test('an area is a GSS code: Gosport is E07000088', () => {
    const area = new RegExp(committed.properties?.areas?.items?.pattern ?? '');
    expect(area.test('E07000088')).toBe(true);
    expect(area.test('Gosport')).toBe(false);
  });

  test('every field has a title or a description for the editor to show', () => {
    const bare: string[] = [];
    const walk = (node: Node, path: string): void => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!child.title && !child.description) bare.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      if (node.items) walk(node.items, `${path}[]`);
      for (const branch of node.anyOf ?? []) walk(branch, path);
    };
    walk(committed, '');
    expect(bare).toEqual([]);
    expect(committed.title).toBe('Community safety partnership plan file');
  });
});
