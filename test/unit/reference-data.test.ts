import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReferenceDataError, readReferenceData } from '../../src/reference/reference-files';
import { checkReferences } from '../../src/reference/reference-check';
import { referenceRows } from '../../src/reference/reference-rows';
import { partnershipSchema } from '../../src/reference/reference.schema';
import { checkWith } from '../../src/errors/zod-problems';
import { readGeography } from '../../src/geography/geography-files';
import type { PartnershipRecord } from '../../src/reference/reference.types';

const REFERENCE = join(__dirname, '..', '..', 'data', 'reference');
// The areas a partnership file may name are the geography's (data/geography/).
const AREAS = new Set(readGeography(join(__dirname, '..', '..', 'data', 'geography')).areas.map((a) => a.code));

test('the shipped reference data reads without a problem and flattens to stable ids', () => {
  const data = readReferenceData(REFERENCE, AREAS);
  expect(data.partnerships.map((p) => p.slug).sort()).toEqual([
    'gosport',
    'safer-gloucester',
    'safer-north-hampshire',
    'safer-portsmouth',
  ]);
  expect(data.documents).toHaveLength(5);
  const rows = referenceRows(data);
  expect(rows.priorities.filter((p) => p.planId === 'gosport-2020-21').map((p) => p.id)).toEqual([
    'gosport-2020-21/1',
    'gosport-2020-21/2',
    'gosport-2020-21/3',
  ]);
  expect(rows.actions.filter((a) => a.planId === 'gosport-2020-21')).toHaveLength(20);
  expect(new Set(rows.measureLinks.map((l) => l.id)).size).toBe(rows.measureLinks.length);
  expect(referenceRows(readReferenceData(REFERENCE, AREAS))).toEqual(rows);
  // Every measure has a source part of its code; police measures follow police.<crime type>.
  expect(rows.measures.find((m) => m.code === 'police.violence-and-sexual-offences')).toMatchObject({
    source: 'police',
    datasetId: 'police-street',
  });
});

test('a shape problem names the file path of the field and what was expected', () => {
  const checked = checkWith(
    partnershipSchema,
    { slug: 'Bad Slug', name: '', areas: ['E07000088', 'nowhere'], extra: 1 },
    'p.json',
  );
  const problems = checked.ok ? [] : checked.problems;
  expect(problems).toEqual(
    expect.arrayContaining([
      'p.json.extra: unknown field',
      'p.json.slug: expected a kebab-case id, found "Bad Slug"',
      'p.json.name: expected a non-empty string, found string',
      'p.json.areas[1]: expected a GSS code such as E07000088, found "nowhere"',
      'p.json.plans: expected an array, found undefined',
    ]),
  );
});

test('cross-references: unknown codes, duplicates and colliding figures are all reported', () => {
  const data = readReferenceData(REFERENCE, AREAS);
  const gosport = data.partnerships.find((p) => p.slug === 'gosport')!;
  gosport.areas.push('E07000999');
  gosport.figures.push({ ...gosport.figures[0]! });
  gosport.plans[0]!.priorities[0]!.themes.push('UNKNOWN_THEME');
  data.themes.push({ ...data.themes[0]! });
  const problems = checkReferences(data, AREAS);
  expect(problems).toEqual(
    expect.arrayContaining([
      'partnership gosport: unknown area "E07000999"',
      'plan gosport-2020-21 priority 1: unknown theme "UNKNOWN_THEME"',
      'theme "DOMESTIC_ABUSE" is defined more than once',
    ]),
  );
  expect(problems.some((p) => /^figure .* is given more than once$/.test(p))).toBe(true);
  expect(problems).toHaveLength(4);
});

describe('a bad file is refused with every problem, each naming its file and the path inside it', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-reference-'));
    cpSync(REFERENCE, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function edit(file: string, change: (json: PartnershipRecord) => void): void {
    const path = join(dir, file);
    const json = JSON.parse(readFileSync(path, 'utf8')) as PartnershipRecord;
    change(json);
    writeFileSync(path, JSON.stringify(json, null, 2));
  }

  function problemsOf(): string[] {
    try {
      readReferenceData(dir, AREAS);
    } catch (err) {
      if (err instanceof ReferenceDataError) return err.problems;
      throw err;
    }
    throw new Error('the reference data was accepted');
  }

  test('two problems in different places of one plan file are both reported', () => {
    edit('partnerships/gosport.json', (g) => {
      (g.plans[0]!.priorities[2] as Record<string, unknown>).code = 3;
      (g.figures[1] as Record<string, unknown>).area = 'Gosport';
    });
    expect(problemsOf()).toEqual([
      'partnerships/gosport.json: /plans/0/priorities/2/code: expected a non-empty string, found number',
      'partnerships/gosport.json: /figures/1/area: expected a GSS code such as E07000088, found "Gosport"',
    ]);
  });

  test('problems in several files, unknown fields and missing ones, all in one refusal', () => {
    edit('partnerships/gosport.json', (g) => {
      const action = g.plans[0]!.priorities[0]!.actions[1] as Record<string, unknown>;
      action.owner = 'someone';
      delete action.status;
      action.dueDate = '2021-02-30';
    });
    edit('partnerships/safer-portsmouth.json', (p) => {
      (p.plans[0]!.priorities[0]!.measures[0] as Record<string, unknown>).basis = 'GUESS';
    });
    const measures = JSON.parse(readFileSync(join(dir, 'measures', 'fire.json'), 'utf8')) as Array<
      Record<string, unknown>
    >;
    measures[0]!.unit = 12;
    writeFileSync(join(dir, 'measures', 'fire.json'), JSON.stringify(measures));

    expect(problemsOf()).toEqual([
      'measures/fire.json: /0/unit: expected one of COUNT, RATE_PER_1000, RATE_PER_100000, PERCENTAGE, PERCENTAGE_CHANGE, RANK, AMOUNT_GBP, DAILY_AVERAGE, found number',
      'partnerships/gosport.json: /plans/0/priorities/0/actions/1/dueDate: expected an ISO date YYYY-MM-DD, found "2021-02-30"',
      'partnerships/gosport.json: /plans/0/priorities/0/actions/1/status: expected one of OPEN, IN_PROGRESS, DONE, DROPPED, found undefined',
      'partnerships/gosport.json: /plans/0/priorities/0/actions/1/owner: unknown field',
      'partnerships/safer-portsmouth.json: /plans/0/priorities/0/measures/0/basis: expected one of PLAN, HUB, found "GUESS"',
    ]);
  });

  test('a value is repeated only as far as needed to find it: long text is cut, other values are named by kind', () => {
    edit('partnerships/gosport.json', (g) => {
      (g.plans[0] as Record<string, unknown>).summary = { text: 'not for the log' };
      (g.plans[0] as Record<string, unknown>).status = 'P'.repeat(500);
    });
    expect(problemsOf()).toEqual([
      `partnerships/gosport.json: /plans/0/status: expected one of PUBLISHED, DRAFT, SUPERSEDED, found "${'P'.repeat(40)}…"`,
      'partnerships/gosport.json: /plans/0/summary: expected a non-empty string, found object',
    ]);
  });
});

test('cross-references of the structure added for issue 15: unknown parents, two decisions for one field, commas in places', () => {
  const data = readReferenceData(REFERENCE, AREAS);
  const portsmouth = data.partnerships.find((p) => p.slug === 'safer-portsmouth')!;
  const plan = portsmouth.plans.find((p) => p.id === 'safer-portsmouth-2021-22')!;
  plan.strategies![3]!.parent = 'portsmouth-no-such-strategy';
  plan.trends![0]!.measure = 'quoted.no-such-measure';
  const hwb = portsmouth.groups.find((g) => g.id === 'portsmouth-safeguarding-partnerships')!;
  hwb.alongside = 'portsmouth-no-such-board';
  plan.decisions!.push({ field: 'status', basis: 'HUB' as never, reason: 'again' });
  const gloucester = data.partnerships.find((p) => p.slug === 'safer-gloucester')!;
  gloucester.groups.find((g) => g.id === 'safer-gloucester-lpt-gloucester-city')!.places!.push('Barton, Tredworth');
  expect(checkReferences(data, AREAS)).toEqual(
    expect.arrayContaining([
      'group portsmouth-safeguarding-partnerships alongside: unknown group "portsmouth-no-such-board"',
      'plan safer-portsmouth-2021-22 strategy portsmouth-safeguarding-children-strategy: unknown strategy "portsmouth-no-such-strategy"',
      'plan safer-portsmouth-2021-22 trend 1: unknown measure "quoted.no-such-measure"',
      'plan safer-portsmouth-2021-22: two decisions for the field "status"',
      'group safer-gloucester-lpt-gloucester-city: a place may not contain a comma',
    ]),
  );
});
