import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Frequency, Polarity, Unit } from '../../src/domain/enums';
import { Measure } from '../../src/entities';
import { FINGERTIPS_SAMPLE, POLICE_SAMPLE, readSample } from '../helpers/fixtures';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { ingestCli } from '../helpers/ingest-cli';

// A whole month replaces what the source delivered before only when it is plausibly whole. From
// the outside, as the issue found it: the police.uk month loaded with the ingest CLI, then a
// copy of the same file cut short. The cut copy is refused (exit 1), naming the figures, and
// every figure stays exactly as it was; forced, it loads, and the run says it was forced.

const HAMPSHIRE = 'E23000030';

let t: TestHub;
let dir: string;
beforeAll(async () => {
  t = await startTestHub();
  dir = mkdtempSync(join(tmpdir(), 'hub-whole-'));
});
afterAll(async () => {
  await t.stop();
});

const cliFor = (dataset: string, ...args: string[]): Promise<{ code: number; out: string }> =>
  ingestCli(t.store, dataset, ...args);

const cli = (...args: string[]): Promise<{ code: number; out: string }> => cliFor('police-street', ...args);

const figures = (): Promise<unknown[]> =>
  t.hub.dataSource.query(
    'SELECT "measure_code", "area_code", "period", "value", "ingest_run_id" FROM "observation" ORDER BY "measure_code", "area_code", "period"',
  );
const revisions = (): Promise<unknown[]> => t.hub.dataSource.query('SELECT * FROM "observation_revision" ORDER BY 1');

async function hampshireFeb(): Promise<number> {
  const [row] = (await t.hub.dataSource.query(
    `SELECT "value" FROM "observation" WHERE "measure_code" = 'police.all-crime' AND "area_code" = '${HAMPSHIRE}' AND "period" = '2022-02'`,
  )) as Array<{ value: number }>;
  return Number(row!.value);
}

test('a month cut short is refused, naming the figures, and nothing changes; forced, it loads and says so', async () => {
  const lines = readSample(POLICE_SAMPLE).trimEnd().split('\n');
  const file = join(dir, '2022-02-hampshire-street.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  expect((await cli('--file', file)).code).toBe(0);
  // The excerpt's 200 rows all fall within Hampshire Constabulary.
  expect(await hampshireFeb()).toBe(200);
  const before = { figures: await figures(), revisions: await revisions() };

  // The same month cut after its first 50 rows.
  writeFileSync(file, `${lines.slice(0, 51).join('\n')}\n`);
  const refused = await cli('--file', file);
  expect(refused.code).toBe(1);
  expect(refused.out).toContain('FAILED');
  expect({ figures: await figures(), revisions: await revisions() }).toEqual(before);

  const res = await t.gql<{
    ingestRuns: { edges: Array<{ node: { status: string; error: string; forced: boolean } }> };
  }>('{ ingestRuns(first: 1) { edges { node { status error forced } } } }');
  const failed = res.body.data!.ingestRuns.edges[0]!.node;
  expect(failed).toMatchObject({ status: 'FAILED', forced: false });
  expect(failed.error).toMatch(/^suspect delivery, nothing written: /);
  // 200 crimes before, 50 now: a 75% fall of the force's month.
  expect(failed.error).toContain(`${HAMPSHIRE} police.all-crime 2022-02 200 to 50`);

  const forced = await cli('--file', file, '--force');
  expect(forced.code).toBe(0);
  expect(await hampshireFeb()).toBe(50);
  const after = await t.gql<{ ingestRuns: { edges: Array<{ node: { status: string; forced: boolean } }> } }>(
    '{ ingestRuns(first: 1) { edges { node { status forced } } } }',
  );
  expect(after.body.data!.ingestRuns.edges[0]!.node).toEqual({ status: 'SUCCEEDED', forced: true });
});

test('the full month again, a little revised, loads without forcing', async () => {
  // Back from the forced cut to the whole month: 50 to 200 is a move too, so it needs forcing;
  // then a revision of a few rows (200 to 198, 1%) is within the share and loads as it is.
  const lines = readSample(POLICE_SAMPLE).trimEnd().split('\n');
  const file = join(dir, '2022-02-hampshire-street.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  expect((await cli('--file', file)).code).toBe(1);
  expect((await cli('--file', file, '--force')).code).toBe(0);
  writeFileSync(file, `${lines.slice(0, 199).join('\n')}\n`);
  expect((await cli('--file', file)).code).toBe(0);
  expect(await hampshireFeb()).toBe(198);
});

// A Fingertips file (indicator 93356, counties & UAs, 2015-2017) is the whole of each period it
// holds for the area types it holds. Each variant below is the real excerpt with records left out
// or fields changed. Every expected figure was read from the excerpt by hand (a record is its
// indicator name's two lines; after the name's line break the fields are parent code, parent
// name, area code, area name, area type, sex, age, category type, category, time period, value,
// ...), for the eight areas the hub knows: England, the South East and South West, Portsmouth,
// Southampton, the Isle of Wight (unitary authorities), Gloucestershire and Hampshire (counties).
describe('Fingertips', () => {
  const MEASURE = 'fingertips.93356';
  const text = readSample(FINGERTIPS_SAMPLE);
  const [header, ...rest] = text.split('\r\n');
  const records = rest.filter((r) => r !== '');
  const tail = (r: string): string[] => r.split('\n')[1]!.split(',');
  const areaOf = (r: string): string => tail(r)[3]!;
  const periodOf = (r: string): string => tail(r)[10]!;
  /** The record with one field after the name's line break changed (index as in tail). */
  const withField = (r: string, index: number, value: string): string => {
    const [name, rest] = r.split('\n') as [string, string];
    const fields = rest.split(',');
    fields[index] = value;
    return `${name}\n${fields.join(',')}`;
  };
  const VALUE = 11;
  const AREA_TYPE = 5;
  const fileOf = (rows: string[]): string => `${[header, ...rows].join('\r\n')}\r\n`;
  const edit = (area: string, period: string, value: string): string[] =>
    records.map((r) =>
      areaOf(r) === area && periodOf(r) === period && tail(r)[7] === 'All ages' && tail(r)[8] === ''
        ? withField(r, VALUE, value)
        : r,
    );

  const file = (): string => join(dir, 'fingertips-93356-502.csv');
  const ft = (rows: string[], ...args: string[]): Promise<{ code: number; out: string }> => {
    writeFileSync(file(), fileOf(rows));
    return cliFor('fingertips', '--file', file(), ...args);
  };

  /** Every table but the run records and the job lease, each row as JSON, sorted. */
  async function store(): Promise<Record<string, string[]>> {
    const sql =
      t.store.kind === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
    const tables = ((await t.hub.dataSource.query(sql)) as Array<{ name: string }>)
      .map((r) => r.name)
      .filter((n) => !['ingest_run', 'job_lock'].includes(n))
      .sort();
    const out: Record<string, string[]> = {};
    for (const name of tables) {
      const rows = (await t.hub.dataSource.query(`SELECT * FROM "${name}"`)) as unknown[];
      out[name] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  }

  async function value(area: string, period: string): Promise<number | null> {
    const rows = (await t.hub.dataSource.query(
      `SELECT "value" FROM "observation" WHERE "measure_code" = '${MEASURE}' AND "area_code" = '${area}' AND "period" = '${period}'`,
    )) as Array<{ value: number | string | null }>;
    return rows[0]?.value === null || rows[0] === undefined ? null : Number(rows[0].value);
  }

  async function lastRun(): Promise<{ status: string; error: string | null; forced: boolean }> {
    const res = await t.gql<{
      ingestRuns: { edges: Array<{ node: { status: string; error: string | null; forced: boolean } }> };
    }>('{ ingestRuns(first: 1, dataset: "fingertips") { edges { node { status error forced } } } }');
    return res.body.data!.ingestRuns.edges[0]!.node;
  }

  /** Runs a delivery that must be refused; returns its error after checking nothing changed. */
  async function refused(rows: string[], ...args: string[]): Promise<string> {
    const before = await store();
    const res = await ft(rows, ...args);
    expect(res.code).toBe(1);
    expect(res.out).toContain('FAILED');
    expect(await store()).toEqual(before);
    const run = await lastRun();
    expect(run).toMatchObject({ status: 'FAILED', forced: false });
    expect(run.error).toMatch(/^suspect delivery, nothing written: /);
    return run.error!;
  }

  beforeAll(async () => {
    // The excerpt's indicator is not a community safety measure; made one for the test, as in
    // fingertips-ingest.test.ts (the CLI's reference load adds measures, never removes them).
    await t.hub.dataSource.manager.insert(Measure, {
      code: MEASURE,
      name: 'Campylobacter incidence rate/100,000',
      definition: 'Test measure for the real sample file.',
      unit: Unit.RATE_PER_100000,
      polarity: Polarity.LOWER_IS_BETTER,
      frequency: Frequency.YEAR,
      source: 'fingertips',
      datasetId: 'fingertips',
      sourceDocument: null,
    });
  });

  test('a file cut short, one for other areas, or one whose last year is unreadable is refused, naming the figures, and nothing changes', async () => {
    expect(records).toHaveLength(111);
    const loaded = await ft(records);
    expect(loaded.code).toBe(0);
    // All 11 areas of the file are the hub's (England, two regions, eight counties and unitary
    // authorities), each for 2015, 2016 and 2017.
    expect(loaded.out).toContain('read 111, written 33, rejected 0');

    // Cut after Southampton's 2017 record (the 105th): the Isle of Wight, Cornwall, the City of
    // London (whose 2017 value the file leaves empty), Hackney, Gloucestershire and Hampshire are
    // gone from 2017, the last year the file holds.
    const cut = await refused(records.slice(0, 105));
    expect(cut).toContain(
      `6 figure(s) delivered before are missing: E06000046 ${MEASURE} 2017 (was 67.2398746763187); E06000052 ${MEASURE} 2017 (was 124.101835448161); E09000001 ${MEASURE} 2017 (was no value); E09000012 ${MEASURE} 2017 (was 24.7413643802111); E10000013 ${MEASURE} 2017 (was 111.694368260826); E10000014 ${MEASURE} 2017 (was 139.588628855961).`,
    );

    // Only the records of Cornwall, the City of London and Hackney: a county & UA file, so the
    // hub's other three unitary authorities and two counties are missing for each of its three
    // years (15 figures); England and the regions are not in this file at all.
    const elsewhere = await refused(records.filter((r) => ['E06000052', 'E09000001', 'E09000012'].includes(areaOf(r))));
    expect(elsewhere).toContain(
      `15 figure(s) delivered before are missing: E06000044 ${MEASURE} 2015 (was 129.865223509856); E06000044 ${MEASURE} 2016 (was 130.33440083414); E06000044 ${MEASURE} 2017 (was 149.419080956282);`,
    );
    expect(elsewhere).toContain('; and 7 more.');
    expect(elsewhere).not.toContain('E92000001');

    // Every 2017 value as a spreadsheet error: the file still holds 2017 (its rows are there,
    // rejected one by one) but delivers none of its eight figures.
    const unreadable = await refused(records.map((r) => (periodOf(r) === '2017' ? withField(r, VALUE, '#N/A') : r)));
    // The first eight of the eleven are named.
    expect(unreadable).toContain(
      `11 figure(s) delivered before are missing: E06000044 ${MEASURE} 2017 (was 149.419080956282); E06000045 ${MEASURE} 2017 (was 66.4634745846033); E06000046 ${MEASURE} 2017 (was 67.2398746763187); E06000052 ${MEASURE} 2017 (was 124.101835448161); E09000001 ${MEASURE} 2017 (was no value); E09000012 ${MEASURE} 2017 (was 24.7413643802111); E10000013 ${MEASURE} 2017 (was 111.694368260826); E10000014 ${MEASURE} 2017 (was 139.588628855961); and 3 more.`,
    );

    // 2017 with empty values: figures that lost their value (each rests on 70 or more cases; the
    // City of London's had no value to lose).
    const emptied = await refused(records.map((r) => (periodOf(r) === '2017' ? withField(r, VALUE, '') : r)));
    expect(emptied).toContain(
      `10 figure(s) moved by more than 30%: E06000044 ${MEASURE} 2017 149.419080956282 to no value;`,
    );
  });

  test('a file of fewer years is judged on its own years only; a district file is not judged on counties', async () => {
    // Records 41-111 are 2016 and 2017; 81-111 are 2017. The figures are those already stored.
    expect((await ft(records.slice(40))).out).toContain('read 71, written 0, rejected 0');
    expect((await ft(records.slice(80))).out).toContain('read 31, written 0, rejected 0');
    expect(await lastRun()).toMatchObject({ status: 'SUCCEEDED', forced: false });

    // 2017 alone without Hampshire's record (the last): judged on 2017 only.
    const cut = await refused(records.slice(80, 110));
    expect(cut).toMatch(
      new RegExp(
        `^suspect delivery, nothing written: 1 figure\\(s\\) delivered before are missing: E10000014 ${MEASURE} 2017 \\(was 139\\.588628855961\\)\\. If`,
      ),
    );

    // The same figures as a district & UA file (501) has them: no county records, the unitary
    // authorities labelled District & UA. Gloucestershire and Hampshire are not its to deliver.
    const districtFile = records
      .filter((r) => !['E10000013', 'E10000014'].includes(areaOf(r)))
      .map((r) => (tail(r)[AREA_TYPE] === 'County & UA' ? withField(r, AREA_TYPE, 'District & UA') : r));
    expect(districtFile).toHaveLength(101);
    const res = await ft(districtFile);
    expect(res.code).toBe(0);
    expect(res.out).toContain('read 101, written 0, rejected 0');
  });

  test('a figure moved by more than the share is refused; forced, it loads and the run says so; a small revision loads', async () => {
    // Hampshire 2017 given as 93 instead of 139.588628855961: down 33.4%.
    const moved = edit('E10000014', '2017', '93');
    const error = await refused(moved);
    expect(error).toContain(`1 figure(s) moved by more than 30%: E10000014 ${MEASURE} 2017 139.588628855961 to 93.`);
    expect(error).not.toContain('missing');

    const forced = await ft(moved, '--force');
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('written 1');
    expect(await value('E10000014', '2017')).toBe(93);
    expect(await lastRun()).toEqual({ status: 'SUCCEEDED', error: null, forced: true });

    // Back to the published figure: 93 to 139.588628855961 is up 50.1%, over a share of 0.5 and
    // within one of 0.55.
    const back = await refused(records, '--max-change', '0.5');
    expect(back).toContain(`1 figure(s) moved by more than 50%: E10000014 ${MEASURE} 2017 93 to 139.588628855961.`);
    expect((await ft(records, '--max-change', '0.55')).code).toBe(0);
    expect(await value('E10000014', '2017')).toBe(139.588628855961);
    expect(await lastRun()).toMatchObject({ status: 'SUCCEEDED', forced: false });

    // A revision within the share: Hampshire 2017 to 130 (-6.9%), Portsmouth 2015 to 135 (+4.0%).
    const revised = edit('E10000014', '2017', '130').map((r, i) => (i === 24 ? withField(r, VALUE, '135') : r));
    expect(areaOf(revised[24]!)).toBe('E06000044');
    const res = await ft(revised);
    expect(res.code).toBe(0);
    expect(res.out).toContain('read 111, written 2, rejected 0');
    expect(await value('E06000044', '2015')).toBe(135);
    expect(await value('E10000014', '2017')).toBe(130);
  });
});
