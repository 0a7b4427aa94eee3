import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey } from '../../src/auth/api-keys';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { ingestCli } from '../helpers/ingest-cli';

// Two doors for one figure, tried from the outside as the issue found it: the hourly partner
// feed (the ingest CLI on a CSV file) and a partner's submission (GraphQL with its key). A
// correction by submission is not undone by the feed re-reading its unchanged file; a later
// change of the feed wins, and both values stay, with their sources, while the figure says it
// has a conflict; the partner can withdraw its figure; alerts a figure no longer supports are
// retracted with the reason.
//
// The series: people in drug and alcohol treatment in Portsmouth (E06000044), a quarterly
// count on the Safer Portsmouth plan's priority B, 16 quarters from 2020-Q1 to 2023-Q4.

const MEASURE = 'partner.people-in-drug-and-alcohol-treatment';
const AREA = 'E06000044';
const QUARTERS = ['2020', '2021', '2022', '2023'].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));
// Steady figures (they sum to 529): no signal on their own.
const VALUES = [33, 31, 34, 32, 35, 33, 31, 34, 32, 35, 33, 31, 34, 32, 35, 34];

let t: TestHub;
let dir: string;
let council: string;
let police: string;
beforeAll(async () => {
  t = await startTestHub();
  dir = mkdtempSync(join(tmpdir(), 'hub-precedence-'));
  council = (await createKey(t.hub.dataSource, 'portsmouth-city-council', 'test', 'hub')).key;
  police = (await createKey(t.hub.dataSource, 'hampshire-constabulary', 'test', 'hub')).key;
});
afterAll(async () => {
  await t.stop();
});

function feedFile(values: number[]): string {
  const file = join(dir, 'portsmouth-treatment.csv');
  const rows = QUARTERS.map((q, i) => `${MEASURE},${AREA},${q},${values[i]},,,`);
  writeFileSync(file, `measure,area,period,value,numerator,denominator,note\n${rows.join('\n')}\n`);
  return file;
}

const feed = (file: string): Promise<{ code: number; out: string }> =>
  ingestCli(t.store, 'partner-feed', '--file', file);

interface Errors {
  errors?: Array<{ message: string; extensions: { code: string; rows?: Array<{ row: number; reason: string }> } }>;
}

async function gql<T>(key: string | null, query: string, variables: Record<string, unknown> = {}): Promise<T & Errors> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as T & Errors;
}

const submit = (key: string, period: string, value: number) =>
  gql<{ data: { submitObservations: { inserted: number; updated: number; unchanged: number } } | null }>(
    key,
    'mutation($rows: [ObservationSubmission!]!) { submitObservations(observations: $rows) { inserted updated unchanged } }',
    { rows: [{ measure: MEASURE, area: AREA, period, value }] },
  );

const withdraw = (key: string | null, periods: string[], measure = MEASURE) =>
  gql<{ data: { withdrawObservations: { withdrawn: number; fellBack: number; dropped: number } } | null }>(
    key,
    'mutation($f: [FigureKeyInput!]!) { withdrawObservations(figures: $f) { withdrawn fellBack dropped } }',
    { f: periods.map((period) => ({ measure, area: AREA, period })) },
  );

interface Figure {
  period: string;
  value: number | null;
  sourceKey: string;
  conflict: boolean;
  provenance: { dataset: string };
  otherSources: Array<{ sourceKey: string; value: number | null }>;
  revisions: Array<{ value: number | null; sourceKey: string; reason: string }>;
}

/** The figure for a quarter as the area's observations list it (null when none is served). */
async function figure(period: string): Promise<Figure | null> {
  const res = await gql<{ data: { area: { observations: { edges: Array<{ node: Figure }> } } } }>(
    council,
    `{ area(code: "${AREA}") { observations(measure: "${MEASURE}", from: "${period}", to: "${period}", first: 5) {
        edges { node { period value sourceKey conflict provenance { dataset }
          otherSources { sourceKey value } revisions { value sourceKey reason } } } } } }`,
  );
  expect(res.errors).toBeUndefined();
  const edges = res.data.area.observations.edges;
  return edges[0]?.node ?? null;
}

interface AlertRow {
  firstPeriod: string;
  rule: string;
  direction: string;
  value: number | null;
  state: string;
  retractionReason: string | null;
}

async function alerts(includeRetracted: boolean): Promise<AlertRow[]> {
  const res = await gql<{ data: { alerts: Array<AlertRow & { measure: { code: string } }> } }>(
    council,
    `{ alerts(partnership: "safer-portsmouth", includeRetracted: ${includeRetracted}) {
        firstPeriod rule direction value state retractionReason measure { code } } }`,
  );
  expect(res.errors).toBeUndefined();
  // In a fixed order (by rule, then first period), whatever the order they were recorded in.
  return res.data.alerts
    .filter((a) => a.measure.code === MEASURE)
    .map(({ measure: _m, ...a }) => a)
    .sort((a, b) => a.rule.localeCompare(b.rule) || a.firstPeriod.localeCompare(b.firstPeriod));
}

/** Every table a figure, its history, its other sources, an alert or a summary lives in, as stored. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of [
    'observation',
    'observation_revision',
    'competing_figure',
    'alert',
    'measure_summary',
    'ingest_run',
    'pending_aftermath',
  ])
    out[table] = (await t.hub.dataSource.query(`SELECT * FROM "${table}" ORDER BY 1, 2`)) as unknown[];
  return out;
}

async function seriesPeriods(): Promise<string[]> {
  const res = await gql<{ data: { series: { points: Array<{ period: string }> } } }>(
    council,
    `{ series(measure: "${MEASURE}", area: "${AREA}") { points { period } } }`,
  );
  expect(res.errors).toBeUndefined();
  return res.data.series.points.map((p) => p.period);
}

test('the feed loads sixteen steady quarters: no alert', async () => {
  const loaded = await feed(feedFile(VALUES));
  expect(loaded.code).toBe(0);
  expect(await figure('2023-Q4')).toMatchObject({
    value: 34,
    sourceKey: 'partner-feed',
    conflict: false,
    otherSources: [],
    revisions: [],
  });
  expect(await alerts(true)).toEqual([]);
});

test('a correction by submission stands when the feed re-reads its unchanged file', async () => {
  const corrected = await submit(council, '2023-Q4', 99);
  expect(corrected.errors).toBeUndefined();
  expect(corrected.data!.submitObservations).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
  const shown = await figure('2023-Q4');
  expect(shown).toMatchObject({
    value: 99,
    sourceKey: 'submission:portsmouth-city-council',
    conflict: true,
    provenance: { dataset: 'partner-feed' },
    otherSources: [{ sourceKey: 'partner-feed', value: 34 }],
    revisions: [{ value: 34, sourceKey: 'partner-feed', reason: 'OTHER_SOURCE' }],
  });
  // Worked by hand (docs/spc.md): with 99 for 2023-Q4 the mean is (529 - 34 + 99) / 16 = 37.125;
  // the moving ranges are 2 and 3 seven times each (34) and then 64, so mR-bar = 98 / 15 = 6.53
  // and the upper limit 37.125 + 2.66 * 6.53 = 54.5: 99 is above it. The fifteen earlier
  // quarters all lie below the mean: a run (8 or more), low, from 2020-Q1 to 2023-Q3 (35).
  expect(await alerts(false)).toEqual([
    {
      firstPeriod: '2023-Q4',
      rule: 'OUTSIDE_LIMITS',
      direction: 'HIGH',
      value: 99,
      state: 'ACTIVE',
      retractionReason: null,
    },
    { firstPeriod: '2020-Q1', rule: 'RUN', direction: 'LOW', value: 35, state: 'ACTIVE', retractionReason: null },
  ]);

  const before = await snapshot();
  const again = await feed(feedFile(VALUES));
  expect(again.code).toBe(0);
  expect(again.out).toContain('SUCCEEDED');
  const after = await snapshot();
  // The re-read wrote no figure: only its own run record is new.
  expect(after.ingest_run).toHaveLength(before.ingest_run!.length + 1);
  expect({ ...after, ingest_run: [] }).toEqual({ ...before, ingest_run: [] });
  expect((await figure('2023-Q4'))!.value).toBe(99);
});

test("a later change of the feed wins; both values stay with their sources, and the 99's alert is retracted", async () => {
  const changed = [...VALUES];
  changed[15] = 35;
  expect((await feed(feedFile(changed))).code).toBe(0);
  expect(await figure('2023-Q4')).toMatchObject({
    value: 35,
    sourceKey: 'partner-feed',
    conflict: true,
    otherSources: [{ sourceKey: 'submission:portsmouth-city-council', value: 99 }],
    revisions: [
      { value: 99, sourceKey: 'submission:portsmouth-city-council', reason: 'OTHER_SOURCE' },
      { value: 34, sourceKey: 'partner-feed', reason: 'OTHER_SOURCE' },
    ],
  });
  // With 35 the mean is 33.125, mR-bar 34 / 15 = 2.27, the limits 27.1 to 39.2: every point
  // inside them, and no run longer than three: both alerts are retracted, with the reason.
  expect(await alerts(false)).toEqual([]);
  const retracted = await alerts(true);
  expect(retracted.map((a) => [a.rule, a.firstPeriod, a.state])).toEqual([
    ['OUTSIDE_LIMITS', '2023-Q4', 'RETRACTED'],
    ['RUN', '2020-Q1', 'RETRACTED'],
  ]);
  for (const a of retracted)
    expect(a.retractionReason).toMatch(/^The figures changed in run \d+: the chart no longer shows this signal\.$/);

  // The partner withdraws its 99: it was not shown, so it is dropped and the conflict ends.
  const dropped = await withdraw(council, ['2023-Q4']);
  expect(dropped.errors).toBeUndefined();
  expect(dropped.data!.withdrawObservations).toEqual({ withdrawn: 0, fellBack: 0, dropped: 1 });
  expect(await figure('2023-Q4')).toMatchObject({ value: 35, conflict: false, otherSources: [] });
});

test('a withdrawn submission falls back to the feed, keeps its value as a revision and retracts its alert', async () => {
  expect((await submit(council, '2023-Q3', 99)).errors).toBeUndefined();
  // Now 99 is 2023-Q3 and 35 follows it: the mean is (530 - 35 + 99) / 16 = 37.125 again, mR-bar
  // (31 + 67 + 64) / 15 = 10.8, the upper limit 65.9: 99 is above it. The fourteen quarters to
  // 2023-Q2 lie below the mean: the run from 2020-Q1 stands again, now ending at 2023-Q2 (32).
  expect(await alerts(false)).toEqual([
    {
      firstPeriod: '2023-Q3',
      rule: 'OUTSIDE_LIMITS',
      direction: 'HIGH',
      value: 99,
      state: 'ACTIVE',
      retractionReason: null,
    },
    { firstPeriod: '2020-Q1', rule: 'RUN', direction: 'LOW', value: 32, state: 'ACTIVE', retractionReason: null },
  ]);

  const res = await withdraw(council, ['2023-Q3']);
  expect(res.errors).toBeUndefined();
  expect(res.data!.withdrawObservations).toEqual({ withdrawn: 1, fellBack: 1, dropped: 0 });
  // The feed's 2023-Q3 figure (the 15th value) is shown again.
  expect(await figure('2023-Q3')).toMatchObject({
    value: VALUES[14],
    sourceKey: 'partner-feed',
    conflict: false,
    otherSources: [],
    revisions: [
      { value: 99, sourceKey: 'submission:portsmouth-city-council', reason: 'WITHDRAWN' },
      { value: VALUES[14], sourceKey: 'partner-feed', reason: 'OTHER_SOURCE' },
    ],
  });
  expect(await alerts(false)).toEqual([]);
  expect((await alerts(true)).map((a) => [a.rule, a.firstPeriod, a.state])).toEqual([
    ['OUTSIDE_LIMITS', '2023-Q3', 'RETRACTED'],
    ['OUTSIDE_LIMITS', '2023-Q4', 'RETRACTED'],
    ['RUN', '2020-Q1', 'RETRACTED'],
  ]);
});

test('a figure only the partner gave is no longer served once withdrawn, and can be given again', async () => {
  expect((await submit(council, '2024-Q1', 36)).errors).toBeUndefined();
  expect(await seriesPeriods()).toEqual([...QUARTERS, '2024-Q1']);
  const res = await withdraw(council, ['2024-Q1']);
  expect(res.data!.withdrawObservations).toEqual({ withdrawn: 1, fellBack: 0, dropped: 0 });
  expect(await figure('2024-Q1')).toBeNull();
  expect(await seriesPeriods()).toEqual(QUARTERS);
  const csv = await (
    await fetch(`${t.url}/export/observations.csv?measure=${MEASURE}&area=${AREA}`, {
      headers: { authorization: `Bearer ${council}` },
    })
  ).text();
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]!.endsWith(',retrieved_at,source,conflict')).toBe(true);
  // 2023-Q4 shows the feed's 35 again, its conflict ended by the partner's withdrawal.
  expect(lines.find((l) => l.includes(',2023-Q4,'))).toMatch(
    /^[^,]+,E06000044,2023-Q4,QUARTER,[^,]+,[^,]+,35,.*,partner-feed,false$/,
  );
  expect(lines.some((l) => l.includes(',2024-Q1,'))).toBe(false);
  // Its history is kept: given again, the figure shows the new value with the withdrawn one behind it.
  expect((await submit(council, '2024-Q1', 37)).data!.submitObservations).toEqual({
    inserted: 0,
    updated: 1,
    unchanged: 0,
  });
  expect(await figure('2024-Q1')).toMatchObject({
    value: 37,
    revisions: [{ value: 36, sourceKey: 'submission:portsmouth-city-council', reason: 'WITHDRAWN' }],
  });
});

test('a withdrawal the organisation may not make is refused whole and leaves the store as it was', async () => {
  const before = await snapshot();
  // 2023-Q2 is the feed's alone; 2024-Q1 is the council's own, but one bad key refuses both.
  const notTheirs = await withdraw(council, ['2024-Q1', '2023-Q2']);
  expect(notTheirs.data).toBeNull();
  expect(notTheirs.errors![0]!.extensions).toEqual({
    code: 'NOT_FOUND',
    rows: [{ row: 2, reason: 'no value submitted by this organisation for this figure' }],
  });
  // The police have submitted nothing here.
  expect((await withdraw(police, ['2024-Q1'])).errors![0]!.extensions.code).toBe('NOT_FOUND');
  expect((await withdraw(null, ['2024-Q1'])).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  expect((await withdraw(council, ['2024-Q1', '2024-Q1'])).errors![0]!.extensions).toEqual({
    code: 'BAD_USER_INPUT',
    rows: [{ row: 2, reason: 'duplicate of row 1' }],
  });
  expect((await withdraw(council, [])).errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  expect(await snapshot()).toEqual(before);
});

test('a source agreeing with the shown value is no conflict until the shown source changes', async () => {
  // The partner submits the feed's own 2022-Q4 value (the 12th).
  const same = await submit(council, '2022-Q4', VALUES[11]!);
  expect(same.data!.submitObservations).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  expect(await figure('2022-Q4')).toMatchObject({
    value: VALUES[11],
    sourceKey: 'partner-feed',
    conflict: false,
    otherSources: [{ sourceKey: 'submission:portsmouth-city-council', value: VALUES[11] }],
    revisions: [],
  });
  expect((await submit(council, '2022-Q4', VALUES[11]!)).data!.submitObservations).toEqual({
    inserted: 0,
    updated: 0,
    unchanged: 1,
  });
  // The feed revises its own 2022-Q4 to 40: the partner's word (31) now differs from it.
  const revised = [...VALUES];
  revised[15] = 35;
  revised[11] = 40;
  expect((await feed(feedFile(revised))).code).toBe(0);
  expect(await figure('2022-Q4')).toMatchObject({
    value: 40,
    sourceKey: 'partner-feed',
    conflict: true,
    otherSources: [{ sourceKey: 'submission:portsmouth-city-council', value: VALUES[11] }],
    revisions: [{ value: VALUES[11], sourceKey: 'partner-feed', reason: 'REVISED' }],
  });
});
