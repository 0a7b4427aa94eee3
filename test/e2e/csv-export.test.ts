import { parse } from 'csv-parse/sync';
import { createKey } from '../../src/auth/api-keys';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// The CSV exports as a spreadsheet would read them: a partner's note written as a formula is
// text (a leading '), while a figure below zero stays a number.

let t: TestHub;
let council: string;
beforeAll(async () => {
  t = await startTestHub();
  council = (await createKey(t.hub.dataSource, 'portsmouth-city-council', 'test', 'hub')).key;
});
afterAll(async () => {
  await t.stop();
});

const MEASURE = 'partner.early-help-assessments-parental-conflict';

/** The lines of an export after its byte order mark, without the final CRLF. */
async function exportLines(path: string): Promise<string[]> {
  const res = await fetch(`${t.url}${path}`);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8', 3);
  expect(text.endsWith('\r\n')).toBe(true);
  return text.slice(0, -2).split('\r\n');
}

const cellsOf = (line: string): string[] => (parse(line) as string[][])[0]!;

test('a note that starts like a formula is exported as text; its cell starts with a quote mark', async () => {
  const submitted = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${council}` },
    body: JSON.stringify({
      query: 'mutation($rows: [ObservationSubmission!]!) { submitObservations(observations: $rows) { inserted } }',
      variables: {
        rows: [
          { period: '2024-Q1', value: 7, note: '=HYPERLINK("https://evil.example/x","Open")' },
          { period: '2024-Q2', value: 8, note: '@SUM(A1:A9)' },
          { period: '2024-Q3', value: 9, note: '-2+3' },
          { period: '2024-Q4', value: 10, note: '\tcmd|/c calc' },
        ].map((r) => ({ measure: MEASURE, area: 'E06000044', ...r })),
      },
    }),
  });
  expect(await submitted.json()).toMatchObject({ data: { submitObservations: { inserted: 4 } } });
  // The same through the CSV upload.
  const uploaded = await fetch(`${t.url}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'x-api-key': council },
    body: `measure,area,period,value,note\n${MEASURE},E06000044,2023-Q4,6,+1+2\n`,
  });
  expect(uploaded.status).toBe(201);

  const lines = await exportLines(`/export/observations.csv?measure=${MEASURE}&area=E06000044`);
  const byPeriod = new Map(lines.slice(1).map((l) => [cellsOf(l)[2], l]));
  const head = (period: string, start: string, end: string, value: number): string =>
    `${MEASURE},E06000044,${period},QUARTER,${start},${end},${value},,,,,false,`;
  expect(byPeriod.get('2024-Q1')).toMatch(
    new RegExp(
      `^${escape(head('2024-Q1', '2024-01-01', '2024-03-31', 7))}"'=HYPERLINK\\(""https://evil\\.example/x"",""Open""\\)",partner-feed,\\d+,`,
    ),
  );
  expect(byPeriod.get('2024-Q2')!.startsWith(`${head('2024-Q2', '2024-04-01', '2024-06-30', 8)}'@SUM(A1:A9),`)).toBe(
    true,
  );
  expect(byPeriod.get('2024-Q3')!.startsWith(`${head('2024-Q3', '2024-07-01', '2024-09-30', 9)}'-2+3,`)).toBe(true);
  expect(byPeriod.get('2024-Q4')!.startsWith(`${head('2024-Q4', '2024-10-01', '2024-12-31', 10)}'\tcmd|/c calc,`)).toBe(
    true,
  );
  expect(byPeriod.get('2023-Q4')!.startsWith(`${head('2023-Q4', '2023-10-01', '2023-12-31', 6)}'+1+2,`)).toBe(true);

  // As a spreadsheet or CSV reader sees the cell: text beginning with the quote mark.
  expect(cellsOf(byPeriod.get('2024-Q1')!)[12]).toBe(`'=HYPERLINK("https://evil.example/x","Open")`);
});

test('a figure below zero stays a number: a change of -4.5% is exported as -4.5', async () => {
  const measure = 'quoted.recorded-crime-change-interact';
  const series = await exportLines(`/export/series.csv?measure=${measure}&area=E07000088`);
  expect(series).toEqual([
    'measure,measure_name,unit,area_or_partnership,frequency,period,period_start,period_end,value,numerator,denominator,rate,note',
    `${measure},"Change in recorded crime (Interact crime records, as quoted)",PERCENTAGE_CHANGE,E07000088,FINANCIAL_YEAR,2019/20,2019-04-01,2020-03-31,-4.5,,,-4.5,`,
  ]);

  const observations = await exportLines(`/export/observations.csv?measure=${measure}&area=E07000088`);
  expect(observations).toHaveLength(2);
  expect(
    observations[1]!.startsWith(
      `${measure},E07000088,2019/20,FINANCIAL_YEAR,2019-04-01,2020-03-31,-4.5,,,,,false,"""Gosport crime statistics show an overall decrease of 4.5% for 2019/2020"", citing Interact Crime Records.",`,
    ),
  ).toBe(true);
  expect(observations[1]).not.toContain("'-");
});

/** A literal string as a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
