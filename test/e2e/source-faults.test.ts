import { Observation } from '../../src/entities';
import { silentLogger } from '../../src/logging/logger';
import { PoliceStreetConnector } from '../../src/ingest/connectors/police-street.connector';
import { runIngest } from '../../src/ingest/ingest-runner';
import type { RetryPolicy } from '../../src/ingest/source';
import { POLICE_SAMPLE, readSample } from '../helpers/fixtures';
import { startFixtureServer, type FixtureServer, type Step } from '../helpers/fixture-server';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Sources fetched over HTTP from a local server that misbehaves as publishers do.

let t: TestHub;
let server: FixtureServer | null = null;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});
afterEach(async () => {
  await server?.close();
  server = null;
});

const CSV = readSample(POLICE_SAMPLE);
const FAST: RetryPolicy = { retries: 2, baseDelayMs: 50, maxDelayMs: 2000, requestTimeoutMs: 300 };

async function ingestFrom(steps: Step[], retry = FAST) {
  server = await startFixtureServer(steps);
  return runIngest(
    t.hub.dataSource,
    new PoliceStreetConnector(),
    {
      source: { url: `${server.url}/2022-02-hampshire-street.csv` },
      trigger: 'test',
      timeoutMs: 20_000,
      figuresChanged: t.hub.figuresChanged,
      retry,
    },
    silentLogger,
  );
}

const policeRows = () => t.hub.dataSource.manager.count(Observation, { where: { datasetId: 'police-street' } });

test('429 Too Many Requests: waits as Retry-After says, then reads the file', async () => {
  const result = await ingestFrom([
    { status: 429, headers: { 'retry-after': '1' } },
    { status: 200, body: CSV },
  ]);
  expect(result.status).toBe('SUCCEEDED');
  expect(result.run!.rowsRead).toBe(200);
  expect(server!.requests).toHaveLength(2);
  expect(server!.requests[1]!.at - server!.requests[0]!.at).toBeGreaterThanOrEqual(950);
});

test('503 Service Unavailable twice, then the file: retried with backoff', async () => {
  const result = await ingestFrom([{ status: 503 }, { status: 503 }, { status: 200, body: CSV }]);
  expect(result.status).toBe('SUCCEEDED');
  expect(server!.requests).toHaveLength(3);
  const [a, b, c] = server!.requests.map((r) => r.at) as [number, number, number];
  expect(c - b).toBeGreaterThanOrEqual(b - a); // the wait doubles
});

test('a server that never answers: each attempt times out, is retried, and the run is recorded as failed', async () => {
  const before = await policeRows();
  const result = await ingestFrom([{ hang: true }]);
  expect(result.status).toBe('FAILED');
  expect(result.error).toMatch(
    /^no response within 300 ms \(http:\/\/127\.0\.0\.1:\d+\/2022-02-hampshire-street\.csv\), after 3 attempts$/,
  );
  expect(server!.requests).toHaveLength(3);
  expect(await policeRows()).toBe(before);
  const run = await t.gql<{ ingestRuns: { edges: Array<{ node: { status: string; error: string } }> } }>(
    '{ ingestRuns(first: 1) { edges { node { status error } } } }',
  );
  expect(run.body.data!.ingestRuns.edges[0]!.node).toEqual({ status: 'FAILED', error: result.error });
});

test("404 is final: one request, a failed run, yesterday's data intact", async () => {
  await ingestFrom([{ status: 200, body: CSV }]);
  await server!.close();
  const before = await policeRows();
  const result = await ingestFrom([{ status: 404 }]);
  expect(result.status).toBe('FAILED');
  expect(result.error).toMatch(/^HTTP 404 from /);
  expect(server!.requests).toHaveLength(1);
  expect(await policeRows()).toBe(before);
  expect(before).toBeGreaterThan(0);
});

test('a body cut off part-way fails the run and writes nothing', async () => {
  const before = await policeRows();
  const result = await ingestFrom([{ partial: CSV.slice(0, Math.floor(CSV.length / 2)) }]);
  expect(result.status).toBe('FAILED');
  expect(await policeRows()).toBe(before);
});
