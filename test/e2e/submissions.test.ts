import { createKey } from '../../src/auth/api-keys';
import { IngestRun, Observation, ObservationRevision } from '../../src/entities';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Partners submit their own figures with their key: all or nothing, their measures only, for
// the areas of their partnerships, recorded with who and when, earlier values kept.

let t: TestHub;
let council: string;
let police: string;
beforeAll(async () => {
  t = await startTestHub();
  council = (await createKey(t.hub.dataSource, 'portsmouth-city-council', 'test', 'hub')).key;
  police = (await createKey(t.hub.dataSource, 'hampshire-constabulary', 'test', 'hub')).key;
});
afterAll(async () => {
  await t.stop();
});

const MUTATION =
  'mutation($rows: [ObservationSubmission!]!) { submitObservations(observations: $rows) { runId rows inserted updated unchanged } }';

async function submit(
  key: string | null,
  rows: unknown[],
): Promise<{
  data?: {
    submitObservations: { runId: string; rows: number; inserted: number; updated: number; unchanged: number };
  } | null;
  errors?: Array<{ message: string; extensions: { code: string; rows?: Array<{ row: number; reason: string }> } }>;
}> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: MUTATION, variables: { rows } }),
  });
  return (await res.json()) as never;
}

const treatment = (period: string, value: number | null, extra: Record<string, unknown> = {}) => ({
  measure: 'partner.people-in-drug-and-alcohol-treatment',
  area: 'E06000044',
  period,
  value,
  ...extra,
});
const count = () => t.hub.dataSource.manager.count(Observation, { where: { datasetId: 'partner-feed' } });

test('a valid submission is written, recorded with who and when; a correction keeps the earlier value', async () => {
  const first = await submit(council, [
    treatment('2024-Q1', 1500),
    {
      measure: 'partner.rough-sleepers-in-drug-and-alcohol-treatment',
      area: 'E06000044',
      period: '2024-Q1',
      value: null,
      suppressed: true,
      note: 'fewer than 5',
    },
  ]);
  expect(first.errors).toBeUndefined();
  expect(first.data!.submitObservations).toMatchObject({ rows: 2, inserted: 2, updated: 0 });
  const run = await t.hub.dataSource.manager.findOneByOrFail(IngestRun, {
    id: Number(first.data!.submitObservations.runId),
  });
  // Recorded with the key's prefix; ingestRuns shows it to the organisation itself only.
  expect(run.trigger).toBe(`submission by portsmouth-city-council (key ${council.slice(4, 12)})`);
  const trigger = async (key: string | null): Promise<string | undefined> => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query: '{ ingestRuns(first: 1) { edges { node { id trigger } } } }' }),
    });
    const body = (await res.json()) as {
      data: { ingestRuns: { edges: Array<{ node: { id: string; trigger: string } }> } };
    };
    const node = body.data.ingestRuns.edges[0]!.node;
    return node.id === String(run.id) ? node.trigger : undefined;
  };
  expect(await trigger(council)).toBe(`submission by portsmouth-city-council (key ${council.slice(4, 12)})`);
  expect(await trigger(null)).toBe('submission by portsmouth-city-council');
  expect(await trigger(police)).toBe('submission by portsmouth-city-council');
  expect(run.status).toBe('SUCCEEDED');
  expect(run.finishedAt).not.toBeNull();

  const again = await submit(council, [treatment('2024-Q1', 1512)]);
  expect(again.data!.submitObservations).toMatchObject({ inserted: 0, updated: 1 });
  const obs = await t.hub.dataSource.manager.findOneByOrFail(Observation, {
    measureCode: 'partner.people-in-drug-and-alcohol-treatment',
    areaCode: 'E06000044',
    period: '2024-Q1',
  });
  expect(obs.value).toBe(1512);
  const revisions = await t.hub.dataSource.manager.find(ObservationRevision, { where: { observationId: obs.id } });
  expect(revisions.map((r) => r.value)).toEqual([1500]);
});

test('one bad row refuses the whole submission, listing every bad row; nothing is written', async () => {
  const before = await count();
  const res = await submit(council, [
    treatment('2024-Q2', 1490),
    { measure: 'partner.no-such-measure', area: 'E06000044', period: '2024-Q2', value: 1 },
    treatment('2024-Q3', -4),
    treatment('2024-13', 10),
    treatment('2024-Q2', 1491),
    treatment('2024-Q4', null),
  ]);
  expect(res.data).toBeNull();
  expect(res.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  expect(res.errors![0]!.message).toBe('5 row(s) are not valid; nothing was written.');
  expect(res.errors![0]!.extensions.rows).toEqual([
    { row: 2, reason: 'the measure is not one the hub knows' },
    { row: 3, reason: 'a count must be a whole number of 0 or more' },
    {
      row: 4,
      reason: 'the period is not a month (2022-02), quarter (2022-Q1), financial year (2021/22) or year (2022)',
    },
    { row: 5, reason: 'duplicate of row 1 (same measure, area and period)' },
    { row: 6, reason: 'no value: give a number, or mark it suppressed' },
  ]);
  expect(await count()).toBe(before);
});

test("only the organisation's own measures, for its partnerships' areas; a key is required", async () => {
  const before = await count();
  const other = await submit(police, [treatment('2024-Q2', 1)]);
  expect(other.errors![0]!.extensions).toMatchObject({
    code: 'FORBIDDEN',
    rows: [{ row: 1, reason: 'the measure is not one hampshire-constabulary owns' }],
  });
  const elsewhere = await submit(council, [{ ...treatment('2024-Q2', 1), area: 'E07000088' }]);
  expect(elsewhere.errors![0]!.extensions).toMatchObject({
    code: 'FORBIDDEN',
    rows: [{ row: 1, reason: 'the area is not in a partnership portsmouth-city-council belongs to' }],
  });
  const anonymous = await submit(null, [treatment('2024-Q2', 1)]);
  expect(anonymous.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  expect(await count()).toBe(before);
});

test("an area inside a member partnership's district (an LSOA) may be submitted for; one inside another partnership's may not", async () => {
  // Real LSOAs of the geography (data/geography/): Portsmouth 012A and Gosport 001C.
  const portsmouth = 'E01017013';
  const gosport = 'E01022802';
  const inside = await submit(council, [{ ...treatment('2022-Q1', 12), area: portsmouth }]);
  expect(inside.errors).toBeUndefined();
  expect(inside.data!.submitObservations).toMatchObject({ rows: 1, inserted: 1 });
  const outside = await submit(council, [{ ...treatment('2022-Q1', 12), area: gosport }]);
  expect(outside.errors![0]!.extensions).toMatchObject({
    code: 'FORBIDDEN',
    rows: [{ row: 1, reason: 'the area is not in a partnership portsmouth-city-council belongs to' }],
  });
});

test('a CSV upload: the same rules, rows numbered by line', async () => {
  const csv = (body: string, key: string | null) =>
    fetch(`${t.url}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(key ? { 'x-api-key': key } : {}) },
      body,
    });
  const ok = await csv(
    'measure,area,period,value,numerator,denominator,note\npartner.women-in-drug-and-alcohol-treatment,E06000044,2024-Q1,431,,,\npartner.drug-related-deaths,E06000044,2024-Q1,*,,,\n',
    council,
  );
  expect(ok.status).toBe(201);
  expect(await ok.json()).toMatchObject({ rows: 2, inserted: 2 });
  const bad = await csv(
    'measure,area,period,value\npartner.women-in-drug-and-alcohol-treatment,E06000044,2024-Q2,many\n',
    council,
  );
  expect(bad.status).toBe(400);
  expect(
    ((await bad.json()) as { errors: Array<{ extensions: { rows: unknown } }> }).errors[0]!.extensions.rows,
  ).toEqual([{ row: 2, reason: 'the value is not a number' }]);
  expect((await csv('measure,area,period,value\n', null)).status).toBe(401);
  expect((await csv('measure,area,period,value\nx,E06000044,2023-Q1,"open\n', null)).status).toBe(401);
});

test('a CSV upload reads values as a partner feed does, and refuses a malformed file with its line', async () => {
  const before = await count();
  const post = (body: string) =>
    fetch(`${t.url}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-api-key': council },
      body,
    });
  const answer = async (res: Response) => ({
    status: res.status,
    ...((await res.json()) as { errors: Array<{ message: string; extensions: { code: string; rows?: unknown } }> }),
  });

  const markers = await answer(
    await post(
      'measure,area,period,value,numerator\n' +
        'partner.women-in-drug-and-alcohol-treatment,E06000044,2023-Q1,..,\n' +
        'partner.women-in-drug-and-alcohol-treatment,E06000044,2023-Q2,[x],\n' +
        'partner.women-in-drug-and-alcohol-treatment,E06000044,2023-Q3,12,abc\n' +
        'partner.women-in-drug-and-alcohol-treatment,E06000044,2023-Q4,[c],\n',
    ),
  );
  expect(markers.status).toBe(400);
  expect(markers.errors[0]!.extensions.rows).toEqual([
    { row: 2, reason: 'no value: give a number, or mark it suppressed' },
    { row: 3, reason: 'no value: give a number, or mark it suppressed' },
    { row: 4, reason: 'the numerator is not a number' },
  ]);

  const unclosed = await answer(
    await post(
      'measure,area,period,value,note\npartner.women-in-drug-and-alcohol-treatment,E06000044,2023-Q1,4,"open\n',
    ),
  );
  expect(unclosed.status).toBe(400);
  expect(unclosed.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  expect(unclosed.errors[0]!.message).toBe('line 2: a quoted field is not closed before the end of the file');

  const header = await answer(
    await post('measure,area,when,value\npartner.women-in-drug-and-alcohol-treatment,E06000044,2023-Q1,4\n'),
  );
  expect(header.status).toBe(400);
  expect(header.errors[0]!.message).toBe('not a submission: missing column(s) "period"; found 4 column(s)');
  expect(await count()).toBe(before);
});
