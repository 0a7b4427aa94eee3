import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createKey } from '../../src/auth/api-keys';
import { writeFixture } from '../helpers/fixtures';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Issue 14, no bypass and no 500: input as callers send it, tried from the outside over HTTP
// (and a feed by the command), on whichever store the run uses. A number is written plainly
// or refused; an error names what was wrong, never repeating the value; a body in a media type
// or charset the path does not read is a 415; a NUL character anywhere (which PostgreSQL cannot
// store) is a 400 BAD_USER_INPUT, or in a feed the rejection of its row alone.

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'jobs', 'ingest-cli.js');
const MEASURE = 'partner.early-help-assessments-parental-conflict'; // a public COUNT by quarter, the council's
const PORTSMOUTH = 'E06000044';
/** Something a careless page would run if an error showed it as it came. */
const MARKUP = '<img src=x onerror=alert(1)>';

let t: TestHub;
let key: string;
beforeAll(async () => {
  t = await startTestHub();
  key = (await createKey(t.hub.dataSource, 'portsmouth-city-council', 'test', 'hub')).key;
});
afterAll(async () => {
  await t.stop();
});

interface Answer {
  status: number;
  text: string;
  errors: Array<{ message: string; extensions: Record<string, unknown> & { code: string } }>;
}

async function graphql(query: string, variables: Record<string, unknown> = {}, withKey = false): Promise<Answer> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(withKey ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, text, errors: (JSON.parse(text) as Pick<Answer, 'errors'>).errors ?? [] };
}

async function upload(body: string, contentType = 'text/csv', withKey = true): Promise<Answer> {
  const res = await fetch(`${t.url}/submissions`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(withKey ? { authorization: `Bearer ${key}` } : {}) },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, errors: (JSON.parse(text) as Pick<Answer, 'errors'>).errors ?? [] };
}

const figures = async (): Promise<number> =>
  Number(
    (
      (await t.hub.dataSource.query(
        `SELECT COUNT(*) AS n FROM observation WHERE measure_code = '${MEASURE}'`,
      )) as Array<{
        n: number | string;
      }>
    )[0]!.n,
  );

const SUBMIT = 'mutation($rows: [ObservationSubmission!]!) { submitObservations(observations: $rows) { inserted } }';

describe('numbers in odd notations', () => {
  test('GraphQL Float: "1,5", "0x10" and "0b11" as strings, and 0x10 or 1,5 written in the document, are refused; nothing is stored', async () => {
    const before = await figures();
    for (const value of ['1,5', '0x10', '0b11', '1_000', '１２']) {
      const r = await graphql(
        SUBMIT,
        { rows: [{ measure: MEASURE, area: PORTSMOUTH, period: '2024-Q1', value }] },
        true,
      );
      expect(r.status).toBe(400);
      expect(r.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
      expect(r.errors[0]!.message).toBe(
        'Variable "$rows" got an invalid value; Float cannot represent non numeric value.',
      );
      expect(r.text).not.toContain(value);
    }
    // In the document: GraphQL has no hexadecimal numbers, and its comma separates values.
    for (const literal of ['0x10', '0b11', '1,5']) {
      const r = await graphql(
        `mutation { submitObservations(observations: [{ measure: "${MEASURE}", area: "${PORTSMOUTH}", period: "2024-Q1", value: ${literal} }]) { inserted } }`,
        {},
        true,
      );
      expect(r.status).toBe(400);
      expect(r.errors[0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    }
    expect(await figures()).toBe(before);
  });

  test('a CSV upload: "1,5", "0x10", "0b11" are refused without repeating them; "1,500" and "1e3" are numbers', async () => {
    const before = await figures();
    const refused = await upload(
      [
        'measure,area,period,value',
        `${MEASURE},${PORTSMOUTH},2023-Q1,"1,5"`,
        `${MEASURE},${PORTSMOUTH},2023-Q2,0x10`,
        `${MEASURE},${PORTSMOUTH},2023-Q3,0b11`,
        `${MEASURE},${PORTSMOUTH},2023-Q4,${MARKUP}`,
      ].join('\n'),
    );
    expect(refused.status).toBe(400);
    expect(refused.errors[0]!.extensions.rows).toEqual(
      [2, 3, 4, 5].map((row) => ({ row, reason: 'the value is not a number' })),
    );
    for (const v of ['1,5', '0x10', '0b11', 'img']) expect(refused.text).not.toContain(v);
    expect(await figures()).toBe(before);
    const taken = await upload(
      [
        'measure,area,period,value',
        `${MEASURE},${PORTSMOUTH},2023-Q1,"1,500"`,
        `${MEASURE},${PORTSMOUTH},2023-Q2,1e3`,
      ].join('\n'),
    );
    expect(taken.status).toBe(201);
    const stored = (await t.hub.dataSource.query(
      `SELECT period, value FROM observation WHERE measure_code = '${MEASURE}' AND period IN ('2023-Q1', '2023-Q2') ORDER BY period`,
    )) as Array<{ period: string; value: number | string }>;
    expect(stored.map((s) => [s.period, Number(s.value)])).toEqual([
      ['2023-Q1', 1500],
      ['2023-Q2', 1000],
    ]);
  });
});

describe('errors never repeat the value they refuse', () => {
  test('a period, an unknown measure, area, slug or code, a date-time, an operation name', async () => {
    const answers = [
      await graphql(`{ area(code: "E07000088") { observations(from: ${JSON.stringify(MARKUP)}) { totalCount } } }`),
      await graphql('query($from: String) { area(code: "E07000088") { observations(from: $from) { totalCount } } }', {
        from: MARKUP,
      }),
      await graphql(`{ measure(code: ${JSON.stringify(MARKUP)}) { name } }`),
      await graphql('query($m: String!) { series(measure: $m, area: "E07000088") { points { value } } }', {
        m: MARKUP,
      }),
      await graphql('query($p: String!) { partnership(slug: $p) { name } }', { p: MARKUP }),
      await graphql('query($p: String!) { alerts(partnership: $p) { measure { code } } }', { p: MARKUP }),
      await graphql('query($c: String!) { comparison(measure: $c, period: "2022", area: "E07000088") { period } }', {
        c: MARKUP,
      }),
      await graphql(`{ alerts(partnership: "gosport", since: ${JSON.stringify(MARKUP)}) { state } }`),
      await graphql('query($s: DateTimeISO) { alerts(partnership: "gosport", since: $s) { state } }', { s: MARKUP }),
      await graphql('query($s: DateTimeISO) { alerts(partnership: "gosport", since: $s) { state } }', {
        s: { markup: MARKUP },
      }),
    ];
    const byName = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ themes { code } }', operationName: MARKUP }),
    });
    const named = await byName.text();
    expect(byName.status).toBe(400);
    for (const a of answers) {
      expect(a.errors.length).toBeGreaterThan(0);
      expect(a.status).toBeLessThan(500);
    }
    for (const text of [...answers.map((a) => a.text), named]) {
      expect(text).not.toContain('img');
      expect(text).not.toContain('onerror');
    }
    expect(answers[0]!.errors[0]!.message).toBe(
      '"from" is not a period: use 2022-02 (month), 2022-Q1 (quarter), 2021/22 (financial year) or 2022 (year)',
    );
    expect(answers[2]!.errors[0]).toMatchObject({
      message: 'No measure matches the "code" argument.',
      extensions: { code: 'NOT_FOUND', what: 'measure', argument: 'code' },
    });
    expect(answers[3]!.errors[0]!.message).toBe('No measure matches the "measure" argument.');
    expect(answers[5]!.errors[0]!.message).toBe('No partnership matches the "partnership" argument.');
    expect(answers[7]!.errors[0]!.message).toBe('DateTime cannot represent an invalid date-time-string.');
  });

  test('a submission naming an unknown measure or area: the reason names the field', async () => {
    const r = await graphql(
      SUBMIT,
      {
        rows: [
          { measure: 'partner.no-such-measure', area: PORTSMOUTH, period: '2024-Q1', value: 1 },
          { measure: MEASURE, area: MARKUP, period: '2024-Q1', value: 1 },
          { measure: MEASURE, area: PORTSMOUTH, period: MARKUP, value: 1 },
        ],
      },
      true,
    );
    expect(r.errors[0]!.extensions.rows).toEqual([
      { row: 1, reason: 'the measure is not one the hub knows' },
      { row: 2, reason: 'the area is not one the hub knows' },
      {
        row: 3,
        reason: 'the period is not a month (2022-02), quarter (2022-Q1), financial year (2021/22) or year (2022)',
      },
    ]);
    expect(r.text).not.toContain('no-such-measure');
    expect(r.text).not.toContain('img');
  });
});

describe('media types', () => {
  test('/submissions: a charset it cannot read is 415, a body that is not CSV is 415, and without a key 401 first', async () => {
    const csv = `measure,area,period,value\n${MEASURE},${PORTSMOUTH},2022-Q1,3\n`;
    const bogus = await upload(csv, 'text/csv; charset=bogus');
    expect(bogus.status).toBe(415);
    expect(bogus.errors).toEqual([
      {
        message: "The request body's charset (in Content-Type) is not one this path reads: send UTF-8.",
        extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
      },
    ]);
    expect(bogus.text).not.toContain('BOGUS');
    for (const type of ['application/json', 'application/x-www-form-urlencoded', 'image/png']) {
      const other = await upload('{"rows": []}', type);
      expect(other.status).toBe(415);
      expect(other.errors[0]).toEqual({
        message: 'A submission is a CSV body: send it with Content-Type text/csv (or text/plain), in UTF-8.',
        extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
      });
    }
    expect((await upload(csv, 'text/csv; charset=bogus', false)).status).toBe(401);
    expect((await upload(csv, 'application/json', false)).status).toBe(401);
    // A charset it can read is read.
    expect((await upload(csv, 'text/csv; charset=iso-8859-1')).status).toBe(201);
  });

  test('/graphql: a charset other than UTF-8 is 415, with the same code', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=bogus' },
      body: JSON.stringify({ query: '{ themes { code } }' }),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });
});

describe('a NUL character (U+0000)', () => {
  const nul = (code: string, variable?: string) => ({
    status: 400,
    code: 'BAD_USER_INPUT',
    ...(variable ? { variable } : { argument: code }),
  });
  const outcome = (a: Answer) => ({
    status: a.status,
    code: a.errors[0]?.extensions.code,
    ...(a.errors[0]?.extensions.variable ? { variable: a.errors[0].extensions.variable } : {}),
    ...(a.errors[0]?.extensions.argument ? { argument: a.errors[0].extensions.argument } : {}),
  });

  test('in any string argument, as a variable or written in the document: 400 BAD_USER_INPUT', async () => {
    expect(outcome(await graphql('query($c: String!) { measure(code: $c) { name } }', { c: 'police.\u0000' }))).toEqual(
      nul('c', 'c'),
    );
    expect(outcome(await graphql('{ measure(code: "police.\\u0000all-crime") { name } }'))).toEqual(nul('code'));
    expect(
      outcome(await graphql('{ area(code: "E07000088") { observations(measure: "a\\u0000") { totalCount } } }')),
    ).toEqual(nul('measure'));
    expect(outcome(await graphql('query($p: String!) { partnership(slug: $p) { name } }', { p: '\u0000' }))).toEqual(
      nul('p', 'p'),
    );
    expect(
      outcome(
        await graphql('query($d: String) { ingestRuns(dataset: $d) { totalCount } }', { d: 'police\u0000street' }),
      ),
    ).toEqual(nul('d', 'd'));
    const m = await graphql('query($c: String!) { measure(code: $c) { name } }', { c: '\u0000' });
    expect(m.errors[0]!.message).toBe('The variable "$c" holds a NUL character (U+0000), which the hub does not take.');
  });

  test("in a submission's note or measure, by GraphQL or CSV: 400 BAD_USER_INPUT, nothing stored", async () => {
    const before = await figures();
    const row = { measure: MEASURE, area: PORTSMOUTH, period: '2022-Q2', value: 4 };
    expect(outcome(await graphql(SUBMIT, { rows: [{ ...row, note: 'seen\u0000' }] }, true))).toEqual(
      nul('rows', 'rows'),
    );
    expect(outcome(await graphql(SUBMIT, { rows: [{ ...row, measure: `${MEASURE}\u0000` }] }, true))).toEqual(
      nul('rows', 'rows'),
    );
    const csv = await upload(
      [
        'measure,area,period,value,note',
        `${MEASURE},${PORTSMOUTH},2022-Q2,4,fine`,
        `${MEASURE},${PORTSMOUTH},2022-Q3,5,bad\u0000note`,
        `${MEASURE}\u0000,${PORTSMOUTH}\u0000,2022-Q4,6,`,
      ].join('\n'),
    );
    expect(csv.status).toBe(400);
    expect(csv.errors[0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      rows: [
        { row: 3, reason: 'the note holds a NUL character (U+0000), which the hub does not store' },
        { row: 4, reason: 'the measure and the area hold a NUL character (U+0000), which the hub does not store' },
      ],
    });
    expect(await figures()).toBe(before);
  });

  test('in an export parameter: 400 BAD_USER_INPUT naming it', async () => {
    for (const path of [
      '/export/series.csv?measure=police.all-crime%00&area=E07000088',
      '/export/series.csv?measure=police.all-crime&area=E07000088&from=2022%00',
      '/export/observations.csv?measure=police.all-crime&area=%00',
      '/export/observations.csv?partnership=gos%00port',
    ]) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0]!.message).toMatch(
        /^"\w+" holds a NUL character \(U\+0000\), which the hub does not take\.$/,
      );
    }
  });

  test('in one row of a partner feed: that row is rejected with its line and reason, the rest load', async () => {
    const feed = [
      'measure,area,period,value,note',
      `${MEASURE},${PORTSMOUTH},2021-Q1,11,`,
      `${MEASURE},${PORTSMOUTH},2021-Q2,12,a note\u0000with a NUL`,
      `${MEASURE},${PORTSMOUTH},2021-Q3,13,`,
      `${MEASURE}\u0000,${PORTSMOUTH},2021-Q4,14,`,
    ].join('\n');
    const r = spawnSync(process.execPath, [CLI, 'partner-feed', '--file', writeFixture('nul.csv', feed)], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: t.store.settings.databaseUrl,
        SQLITE_PATH: t.store.settings.sqlitePath,
        LOG_LEVEL: 'error',
      },
      encoding: 'utf8',
    });
    expect(r.stdout).toContain('SUCCEEDED nul.csv: read 4, written 2, rejected 2');
    const runs = await graphql(
      '{ ingestRuns(first: 1) { edges { node { status rejectedRows { edges { node { line reason } } } } } } }',
    );
    expect((JSON.parse(runs.text) as { data: unknown }).data).toEqual({
      ingestRuns: {
        edges: [
          {
            node: {
              status: 'SUCCEEDED',
              rejectedRows: {
                edges: [
                  {
                    node: { line: 3, reason: 'the note holds a NUL character (U+0000), which the hub does not store' },
                  },
                  { node: { line: 5, reason: 'the measure is not one the hub knows' } },
                ],
              },
            },
          },
        ],
      },
    });
    const stored = (await t.hub.dataSource.query(
      `SELECT period, value FROM observation WHERE measure_code = '${MEASURE}' AND period LIKE '2021-%' ORDER BY period`,
    )) as Array<{ period: string; value: number | string }>;
    expect(stored.map((s) => [s.period, Number(s.value)])).toEqual([
      ['2021-Q1', 11],
      ['2021-Q3', 13],
    ]);
  });
});
