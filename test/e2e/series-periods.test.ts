import { createKey } from '../../src/auth/api-keys';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// A quarterly measure's series at every frequency it can be read at, from figures a partner
// submitted: quarters roll up to financial years (April to March) and calendar years, an
// incomplete period is a gap and never a partial sum, every period between the first and the
// last with no figure at all is a gap, and a reversed range is refused.

const MEASURE = 'partner.early-help-assessments-parental-conflict'; // quarterly, public, Portsmouth City Council's
const PORTSMOUTH = 'E06000044';

// 2022-Q1 to 2023-Q1, then nothing until 2025-Q2 to 2026-Q1.
const FIGURES: Array<[string, number]> = [
  ['2022-Q1', 10],
  ['2022-Q2', 20],
  ['2022-Q3', 30],
  ['2022-Q4', 40],
  ['2023-Q1', 50],
  ['2025-Q2', 1],
  ['2025-Q3', 2],
  ['2025-Q4', 3],
  ['2026-Q1', 4],
];

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  const key = (await createKey(t.hub.dataSource, 'portsmouth-city-council', 'test', 'hub')).key;
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      query: 'mutation($rows: [ObservationSubmission!]!) { submitObservations(observations: $rows) { inserted } }',
      variables: { rows: FIGURES.map(([period, value]) => ({ measure: MEASURE, area: PORTSMOUTH, period, value })) },
    }),
  });
  expect(((await res.json()) as { data: unknown }).data).toEqual({ submitObservations: { inserted: 9 } });
});
afterAll(async () => {
  await t.stop();
});

interface SeriesAnswer {
  series: { points: Array<{ period: string; value: number }>; gaps: Array<{ period: string; reason: string }> };
}

async function series(frequency: string, range = ''): Promise<SeriesAnswer['series']> {
  const res = await t.gql<SeriesAnswer>(
    `{ series(measure: "${MEASURE}", area: "${PORTSMOUTH}", frequency: ${frequency}${range}) {
        points { period value } gaps { period reason } } }`,
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.series;
}

test('by financial year: 2022/23 is 2022-Q2 to 2023-Q1 (20 + 30 + 40 + 50), 2025/26 is 1 + 2 + 3 + 4', async () => {
  const s = await series('FINANCIAL_YEAR');
  expect(s.points).toEqual([
    { period: '2022/23', value: 140 },
    { period: '2025/26', value: 10 },
  ]);
  expect(s.gaps).toEqual([
    { period: '2021/22', reason: 'incomplete: no figure for 2021-Q2, 2021-Q3, 2021-Q4' },
    { period: '2023/24', reason: 'no figure' },
    { period: '2024/25', reason: 'no figure' },
  ]);
});

test('by calendar year: 2022 is 100; the years around it are incomplete or have no figure at all', async () => {
  const s = await series('YEAR');
  expect(s.points).toEqual([{ period: '2022', value: 100 }]);
  expect(s.gaps).toEqual([
    { period: '2023', reason: 'incomplete: no figure for 2023-Q2, 2023-Q3, 2023-Q4' },
    { period: '2024', reason: 'no figure' },
    { period: '2025', reason: 'incomplete: no figure for 2025-Q1' },
    { period: '2026', reason: 'incomplete: no figure for 2026-Q2, 2026-Q3, 2026-Q4' },
  ]);
});

test('by quarter: every quarter between 2023-Q1 and 2025-Q2 is a gap', async () => {
  const s = await series('QUARTER');
  expect(s.points.map((p) => p.value)).toEqual([10, 20, 30, 40, 50, 1, 2, 3, 4]);
  expect(s.gaps.map((g) => g.period)).toEqual([
    '2023-Q2',
    '2023-Q3',
    '2023-Q4',
    '2024-Q1',
    '2024-Q2',
    '2024-Q3',
    '2024-Q4',
    '2025-Q1',
  ]);
  expect(new Set(s.gaps.map((g) => g.reason))).toEqual(new Set(['no figure']));
});

test('a range given inside the data lists the years in it with no figure', async () => {
  const s = await series('YEAR', ', from: "2020", to: "2022"');
  expect(s.points).toEqual([{ period: '2022', value: 100 }]);
  expect(s.gaps).toEqual([
    { period: '2020', reason: 'no figure' },
    { period: '2021', reason: 'no figure' },
  ]);
});

test('a reversed range is BAD_USER_INPUT, over GraphQL and in the CSV export', async () => {
  const res = await t.gql(
    `{ series(measure: "${MEASURE}", area: "${PORTSMOUTH}", from: "2024", to: "2022") { points { period } } }`,
  );
  expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
  const csv = await fetch(`${t.url}/export/series.csv?measure=${MEASURE}&area=${PORTSMOUTH}&from=2024&to=2022`);
  expect(csv.status).toBe(400);
  const body = (await csv.json()) as { errors: Array<{ extensions: { code: string; argument: string } }> };
  expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
});

test('months cannot be asked of a quarterly measure', async () => {
  const res = await t.gql(
    `{ series(measure: "${MEASURE}", area: "${PORTSMOUTH}", frequency: MONTH) { points { period } } }`,
  );
  expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});
