import { createKey } from '../../src/auth/api-keys';
import { silentLogger } from '../../src/logging/logger';
import { createConnector } from '../../src/ingest/connectors';
import { runIngest } from '../../src/ingest/ingest-runner';
import { POLICE_SAMPLE, readSample, writeFixture } from '../helpers/fixtures';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// The rules every figure meets whatever its door, tried from the outside as partners sent them:
// a month, a financial year and a calendar year for a quarterly measure, a quarter in 2030, 3.5
// people, 140 out of 100, "1,5", "0x10" and "0b11". A submission with any of them is refused
// whole and leaves every table exactly as it was; a feed rejects those rows by line and loads
// the rest; a police month with a stray row of another month rejects that row.

const TABLES = ['observation', 'observation_revision', 'alert', 'ingest_run', 'rejected_row', 'measure_summary'];

let t: TestHub;
let key: string;
beforeAll(async () => {
  t = await startTestHub();
  key = (await createKey(t.hub.dataSource, 'portsmouth-city-council', 'test', 'hub')).key;
});
afterAll(async () => {
  await t.stop();
});

/** Every row of the tables a figure can touch, in a stable order. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await t.hub.dataSource.query(`SELECT * FROM "${table}" ORDER BY 1`);
  return out;
}

const QUARTERLY = 'partner.early-help-assessments-parental-conflict'; // COUNT by quarter, public
const PERCENT = 'partner.treatment-mental-health-need-met'; // PERCENTAGE by quarter
const PORTSMOUTH = 'E06000044';

async function submit(rows: unknown[]): Promise<{ code?: string; rows?: Array<{ row: number; reason: string }> }> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      query: 'mutation($rows: [ObservationSubmission!]!) { submitObservations(observations: $rows) { inserted } }',
      variables: { rows },
    }),
  });
  const body = (await res.json()) as { errors?: Array<{ extensions: { code: string; rows?: [] } }> };
  return body.errors?.[0]?.extensions ?? {};
}

test('a submission breaking any rule is refused whole, each row with its reason, and no table changes', async () => {
  const before = await snapshot();
  const row = (period: string, value: number, extra: Record<string, unknown> = {}) => ({
    measure: QUARTERLY,
    area: PORTSMOUTH,
    period,
    value,
    ...extra,
  });
  const refused = await submit([
    row('2024-Q1', 34), // fine on its own
    row('2024-05', 10),
    row('2023/24', 10),
    row('2024', 10),
    row('2030-Q1', 10),
    row('2024-Q2', 3.5),
    { measure: PERCENT, area: PORTSMOUTH, period: '2024-Q1', value: 140, numerator: 140, denominator: 100 },
    { measure: PERCENT, area: PORTSMOUTH, period: '2024-Q2', value: 100, numerator: 140, denominator: 100 },
  ]);
  expect(refused.code).toBe('BAD_USER_INPUT');
  const quarter = 'the measure is published by quarter: its period must be a quarter such as 2022-Q1';
  expect(refused.rows).toEqual([
    { row: 2, reason: quarter },
    { row: 3, reason: quarter },
    { row: 4, reason: quarter },
    { row: 5, reason: 'the period has not begun yet' },
    { row: 6, reason: 'a count must be a whole number of 0 or more' },
    { row: 7, reason: 'a percentage must lie between 0 and 100' },
    { row: 8, reason: 'the numerator cannot be more than the denominator' },
  ]);
  expect(await snapshot()).toEqual(before);
});

test('a CSV submission refuses "1,5", "0x10" and "0b11" as numbers, and no table changes', async () => {
  const before = await snapshot();
  const csv = [
    'measure,area,period,value',
    `${QUARTERLY},${PORTSMOUTH},2024-Q1,"1,5"`,
    `${QUARTERLY},${PORTSMOUTH},2024-Q2,0x10`,
    `${QUARTERLY},${PORTSMOUTH},2024-Q3,0b11`,
    `${QUARTERLY},${PORTSMOUTH},2024-Q4,"1,500"`,
  ].join('\n');
  const res = await fetch(`${t.url}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
    body: csv,
  });
  expect(res.status).toBe(400);
  const body = (await res.json()) as { errors: Array<{ extensions: { code: string; rows: unknown[] } }> };
  expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  expect(body.errors[0]!.extensions.rows).toEqual([
    { row: 2, reason: 'the value is not a number' },
    { row: 3, reason: 'the value is not a number' },
    { row: 4, reason: 'the value is not a number' },
  ]);
  expect(await snapshot()).toEqual(before);
});

test('a partner feed rejects the rows that break a rule, by line, and loads the others', async () => {
  const csv = [
    'measure,area,period,value,numerator,denominator',
    `${QUARTERLY},${PORTSMOUTH},2023-Q1,34,,`,
    `${QUARTERLY},${PORTSMOUTH},2023-05,10,,`,
    `${QUARTERLY},${PORTSMOUTH},2030-Q1,10,,`,
    `${QUARTERLY},${PORTSMOUTH},2023-Q2,3.5,,`,
    `${PERCENT},${PORTSMOUTH},2023-Q1,140,140,100`,
    `${QUARTERLY},${PORTSMOUTH},2023-Q3,0x10,,`,
    `${PERCENT},${PORTSMOUTH},2023-Q2,66.5,133,200`,
  ].join('\n');
  const result = await runIngest(
    t.hub.dataSource,
    createConnector('partner-feed', {}),
    {
      source: { file: writeFixture('feed.csv', csv) },
      trigger: 'test',
      timeoutMs: 30_000,
      figuresChanged: t.hub.figuresChanged,
    },
    silentLogger,
  );
  expect(result.run).toMatchObject({ status: 'SUCCEEDED', rowsRead: 7, rowsWritten: 2, rowsRejected: 5 });
  const rows = (await t.hub.dataSource.query(
    `SELECT "line", "reason" FROM "rejected_row" WHERE "run_id" = ${result.run!.id} ORDER BY "line"`,
  )) as Array<{ line: number; reason: string }>;
  expect(rows.map((r) => [Number(r.line), r.reason])).toEqual([
    [3, 'the measure is published by quarter: its period must be a quarter such as 2022-Q1'],
    [4, 'the period has not begun yet'],
    [5, 'a count must be a whole number of 0 or more'],
    [6, 'a percentage must lie between 0 and 100'],
    [7, 'the value is not a number'],
  ]);
});

test('a stray row of another month in a police month is rejected as a row; the other month is untouched', async () => {
  const lines = readSample(POLICE_SAMPLE).trimEnd().split('\n');
  const ingest = (name: string, text: string) =>
    runIngest(
      t.hub.dataSource,
      createConnector('police-street', {}),
      {
        source: { file: writeFixture(name, text) },
        trigger: 'test',
        timeoutMs: 30_000,
        figuresChanged: t.hub.figuresChanged,
      },
      silentLogger,
    );
  // A March file first: the same 200 rows relabelled 2022-03 (Gosport has 32 of them).
  const march = await ingest(
    '2022-03-hampshire-street.csv',
    lines.map((l) => l.replace(',2022-02,', ',2022-03,')).join('\n') + '\n',
  );
  expect(march.run!.status).toBe('SUCCEEDED');
  const gosportMarch = async (): Promise<number> => {
    const [row] = (await t.hub.dataSource.query(
      `SELECT "value" FROM "observation" WHERE "measure_code" = 'police.all-crime' AND "area_code" = 'E07000088' AND "period" = '2022-03'`,
    )) as Array<{ value: number }>;
    return Number(row!.value);
  };
  expect(await gosportMarch()).toBe(32);
  // Then February with one row of March appended: that row is rejected, March stays 32, not 1.
  const stray = lines[1]!.replace(',2022-02,', ',2022-03,');
  const feb = await ingest('2022-02-hampshire-street.csv', [...lines, stray].join('\n') + '\n');
  expect(feb.run).toMatchObject({ status: 'SUCCEEDED', rowsRead: 201, rowsRejected: 1 });
  const rejected = (await t.hub.dataSource.query(
    `SELECT "line", "reason" FROM "rejected_row" WHERE "run_id" = ${feb.run!.id}`,
  )) as Array<{ line: number; reason: string }>;
  expect(rejected.map((r) => [Number(r.line), r.reason])).toEqual([
    [202, "the row is not of the file's month (2022-02)"],
  ]);
  expect(await gosportMarch()).toBe(32);
});
