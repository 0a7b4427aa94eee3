import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { contractOperation, startTestHub, type TestHub } from '../helpers/test-hub';
import { ingestCliWith } from '../helpers/ingest-cli';
import type { PartnershipRecord } from '../../src/reference/reference.types';

// Issue 16: a council that is not one of the four onboards its partnership as the README tells
// it to. Cheltenham (E22000093) is onboarded into a copy of the reference data with the built
// command, checked, filled in with one priority, checked again, served by a hub, and given a
// Gloucestershire street-level file in data.police.uk's layout (a folder per month). The file is
// written here from real LSOAs of data/geography/'s lookup: 103 crimes in Cheltenham's LSOAs,
// 17 in Gloucester's and Tewkesbury's, 2 with no location. What the hub answers is compared with
// the test's own count of the file's rows whose LSOA name starts "Cheltenham ".

const ROOT = join(__dirname, '..', '..');
const CLI = (name: string): string => join(ROOT, 'dist', 'jobs', name);
const CHELTENHAM = 'E07000078';
const MONTH = '2024-03';
const HEADER =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const TYPES = ['Anti-social behaviour', 'Burglary', 'Violence and sexual offences', 'Shoplifting', 'Vehicle crime'];

let dir: string;
let reference: string;
let t: TestHub | undefined;

function run(
  cli: string,
  args: string[],
  env: Record<string, string> = {},
): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI(cli), ...args], {
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** LSOAs of a district, from the shipped lookup (lsoa_code, lsoa_name, ..., lad_code). */
function lsoasOf(district: string): Array<{ code: string; name: string }> {
  const text = gunzipSync(readFileSync(join(ROOT, 'data', 'geography', 'lsoa11-msoa11-lad19-england-wales.csv.gz')))
    .toString('utf8')
    .trim();
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((f) => f[4] === district)
    .map((f) => ({ code: f[0]!, name: f[1]! }));
}

/** A street-level file as data.police.uk publishes it: one crime a row. */
function streetFile(): string {
  const rows: string[] = [HEADER];
  const crime = (i: number, lsoa: { code: string; name: string } | null): void => {
    const id = i % 5 === 0 ? '' : `${String(i).padStart(8, '0')}${'ab'.repeat(28)}`;
    const where = lsoa ? `-2.07,51.9,On or near High Street,${lsoa.code},${lsoa.name}` : ',,No location,,';
    rows.push(
      `${id},${MONTH},Gloucestershire Constabulary,Gloucestershire Constabulary,${where},${TYPES[i % TYPES.length]},Under investigation,`,
    );
  };
  const cheltenham = lsoasOf(CHELTENHAM);
  const elsewhere = [...lsoasOf('E07000081').slice(0, 9), ...lsoasOf('E07000083').slice(0, 8)];
  for (let i = 0; i < 103; i += 1) crime(i, cheltenham[(i * 7) % cheltenham.length]!);
  elsewhere.forEach((l, i) => crime(200 + i, l));
  crime(300, null);
  crime(301, null);
  return `${rows.join('\r\n')}\r\n`;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hub-onboard-'));
  reference = join(dir, 'reference');
  cpSync(join(ROOT, 'data', 'reference'), reference, { recursive: true });
});

afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const planFile = (): string => join(reference, 'partnerships', 'cheltenham.json');
const readPlan = (): PartnershipRecord => JSON.parse(readFileSync(planFile(), 'utf8')) as PartnershipRecord;

test('npm run partnership -- new E22000093 writes Cheltenham, and reference:check accepts the folder', () => {
  const made = run('partnership-cli.js', ['new', 'E22000093'], { REFERENCE_DIR: reference });
  expect(made.code).toBe(0);
  expect(made.out).toContain('wrote partnerships/cheltenham.json: Cheltenham (E22000093), districts E07000078');
  const p = readPlan();
  expect(p.areas).toEqual([CHELTENHAM]);
  expect(p.memberships.map((m) => m.organisation)).toEqual([
    'cheltenham-council',
    'gloucestershire-county-council',
    'gloucestershire-constabulary',
    'gloucestershire-fire-and-rescue-service',
  ]);
  expect(p.plans[0]!.priorities).toEqual([]);
  expect(p.decisions).toContainEqual({
    field: 'name',
    basis: 'INFERRED',
    reason: 'written by npm run partnership new from the ONS lookups',
  });

  // The shipped folder's files, counted here, plus what the command added: one partnership and
  // its one plan, Cheltenham's council (the Gloucestershire bodies are Safer Gloucester's already)
  // and the placeholder document.
  const json = (name: string): unknown => JSON.parse(readFileSync(join(ROOT, 'data', 'reference', name), 'utf8'));
  const shipped = (name: string): number => (json(name) as unknown[]).length;
  const partnerships = readdirSync(join(ROOT, 'data', 'reference', 'partnerships'));
  const plans = partnerships.reduce((n, f) => n + (json(`partnerships/${f}`) as { plans: unknown[] }).plans.length, 0);
  const measures = readdirSync(join(ROOT, 'data', 'reference', 'measures')).reduce(
    (n, f) => n + shipped(`measures/${f}`),
    0,
  );
  const check = run('reference-check-cli.js', [reference]);
  expect(check.code).toBe(0);
  expect(check.out.trim().split('\n')).toEqual([
    `${reference}: no problems (${partnerships.length + 1} partnerships, ${plans + 1} plans, ${measures} measures, ${shipped('organisations.json') + 1} organisations, ${shipped('documents.json') + 1} documents)`,
  ]);
});

test('an existing file is refused, and so is a code the lookup does not hold, without echoing input', () => {
  const before = readFileSync(planFile(), 'utf8');
  const again = run('partnership-cli.js', ['new', 'E22000093', '--out', reference]);
  expect(again.code).toBe(1);
  expect(again.err).toContain('partnerships/cheltenham.json is already there: nothing was written');
  expect(readFileSync(planFile(), 'utf8')).toBe(before);

  const unknown = run('partnership-cli.js', ['new', 'E22999999', '--out', reference]);
  expect(unknown.code).toBe(2);
  expect(unknown.err).toContain('No community safety partnership in the ONS lookup has the code E22999999.');

  const police = run('partnership-cli.js', ['new', 'W15000001', '--out', reference]);
  expect(police.code).toBe(2);
  expect(police.err).toContain('E22 and six digits in England, W14 and six digits in Wales');
  expect(police.err).not.toContain('W15000001');

  const markup = run('partnership-cli.js', ['new', '<img src=x>', '--out', reference]);
  expect(markup.code).toBe(2);
  expect(markup.err).not.toContain('<img');
});

test('a broken plan file is answered with file, path and problem, and exit 1', () => {
  const good = readFileSync(planFile(), 'utf8');
  const broken = readPlan() as unknown as { plans: Array<Record<string, unknown>> };
  broken.plans[0]!.title = 12;
  broken.plans[0]!.priorities = [
    {
      code: '1',
      title: 'Reduce crime',
      rationale: null,
      themes: [],
      planningGroups: [],
      keyPersonnel: [],
      objectives: [],
      measures: [{ measure: 'police.no-such-measure', label: null, basis: 'HUB', note: 'x' }],
      actions: [],
    },
  ];
  writeFileSync(planFile(), JSON.stringify(broken));
  const shape = run('reference-check-cli.js', [reference]);
  expect(shape.code).toBe(1);
  expect(shape.out.trim().split('\n')).toEqual([
    'partnerships/cheltenham.json: /plans/0/title: expected a non-empty string, found number',
  ]);

  // With its shape right, the unknown measure is found, and named with its file too.
  broken.plans[0]!.title = 'Cheltenham community safety plan';
  writeFileSync(planFile(), JSON.stringify(broken));
  const refs = run('reference-check-cli.js', [reference]);
  expect(refs.code).toBe(1);
  const planId = readPlan().plans[0]!.id;
  expect(refs.out.trim().split('\n')).toEqual([
    `partnerships/cheltenham.json: plan ${planId} priority 1: unknown measure "police.no-such-measure"`,
  ]);
  writeFileSync(planFile(), good);
});

test('filled in, served and given a police file: its districts, organisations, scorecard and series', async () => {
  // The council fills in a priority, as the README's walk-through does.
  const p = readPlan();
  p.plans[0]!.priorities.push({
    code: '1',
    title: 'Reduce crime',
    rationale: null,
    themes: [],
    planningGroups: [],
    keyPersonnel: [],
    objectives: [],
    measures: [{ measure: 'police.all-crime', label: null, basis: 'HUB' as never, note: 'All recorded crime.' }],
    actions: [],
    decisions: [{ field: 'title', basis: 'HUB' as never, reason: 'written for the onboarding test' }],
  });
  writeFileSync(planFile(), JSON.stringify(p, null, 2));
  expect(run('reference-check-cli.js', [reference]).code).toBe(0);

  t = await startTestHub({ referenceDir: reference });
  const month = join(dir, 'police', MONTH);
  mkdirSync(month, { recursive: true });
  const file = streetFile();
  writeFileSync(join(month, `${MONTH}-gloucestershire-street.csv`), file);
  // The test's own count: rows of the file whose LSOA name is one of Cheltenham's.
  const expected = file.split('\r\n').filter((line) => line.split(',')[8]?.startsWith('Cheltenham ')).length;
  expect(expected).toBe(103);

  // The command loads the reference data before it ingests: it must be given the same folder as
  // the hub, or it would bring the store back to the four partnerships of data/reference.
  const cli = await ingestCliWith(
    t.store,
    { REFERENCE_DIR: reference },
    'police-street',
    '--folder',
    join(dir, 'police'),
  );
  expect(cli.code).toBe(0);

  const partnership = await t.gql<{
    partnership: {
      name: string;
      area: { code: string } | null;
      areas: Array<{ code: string; name: string }>;
      memberships: Array<{ organisation: { id: string; name: string } }>;
    };
  }>(
    '{ partnership(slug: "cheltenham") { name area { code } areas { code name } memberships { organisation { id name } } } }',
  );
  expect(partnership.body.errors).toBeUndefined();
  expect(partnership.body.data!.partnership).toEqual({
    name: 'Cheltenham',
    // Tied to its ONS partnership area, as its districts are the same.
    area: { code: 'E22000093' },
    areas: [{ code: CHELTENHAM, name: 'Cheltenham' }],
    memberships: [
      { organisation: { id: 'cheltenham-council', name: 'Cheltenham Council' } },
      { organisation: { id: 'gloucestershire-county-council', name: 'Gloucestershire County Council' } },
      { organisation: { id: 'gloucestershire-constabulary', name: 'Gloucestershire Constabulary' } },
      {
        organisation: {
          id: 'gloucestershire-fire-and-rescue-service',
          name: 'Gloucestershire Fire and Rescue Service',
        },
      },
    ],
  });

  const scorecard = contractOperation('scorecard');
  const card = await t.gql<{
    partnership: {
      scorecard: {
        plan: { title: string };
        priorities: Array<{
          priority: { code: string };
          measures: Array<{ measure: { code: string }; latest: { period: string; value: number } }>;
        }>;
      };
    };
  }>(scorecard.query, { slug: 'cheltenham' });
  expect(card.body.errors).toBeUndefined();
  const sc = card.body.data!.partnership.scorecard;
  expect(sc.plan.title).toBe(p.plans[0]!.title);
  expect(sc.priorities.map((x) => x.priority.code)).toEqual(['1']);
  expect(sc.priorities[0]!.measures[0]).toMatchObject({
    measure: { code: 'police.all-crime' },
    latest: { period: MONTH, value: expected },
  });

  const series = contractOperation('series');
  const district = await t.gql<{ series: { points: Array<{ period: string; value: number }> } }>(series.query, {
    measure: 'police.all-crime',
    area: CHELTENHAM,
    from: MONTH,
    to: MONTH,
    frequency: 'MONTH',
  });
  expect(district.body.errors).toBeUndefined();
  expect(district.body.data!.series.points).toEqual([expect.objectContaining({ period: MONTH, value: expected })]);

  const whole = await t.gql<{ series: { points: Array<{ value: number }> } }>(
    '{ series(measure: "police.all-crime", partnership: "cheltenham", from: "2024-03", to: "2024-03", frequency: MONTH) { points { value } } }',
  );
  expect(whole.body.errors).toBeUndefined();
  expect(whole.body.data!.series.points.map((x) => x.value)).toEqual([expected]);
});
