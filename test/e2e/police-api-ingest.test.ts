import { Observation } from '../../src/entities';
import { silentLogger } from '../../src/logging/logger';
import { PoliceApiConnector } from '../../src/ingest/connectors/police-api/police-api.connector';
import type { Polygon } from '../../src/ingest/connectors/police-api/polygon';
import { runIngest } from '../../src/ingest/ingest-runner';
import { CATEGORIES, GOSPORT_SQUARE, startFakePoliceApi, type FakeApi } from '../helpers/fake-police-api';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// The JSON API connector against a local stand-in for data.police.uk with 1,500 crimes in a
// square over Gosport: it paces itself, waits out 429s, splits the square while the API says
// 503, posts polygons too long for a GET, and counts every crime once.

let t: TestHub;
let api: FakeApi | null = null;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await api?.close();
  await t.stop();
});

const nameOf = new Map<string, string>(CATEGORIES.map(([u, n]) => [u, n]));

test('paced at 15/s, 429 waited out, 503 split, every crime counted once', async () => {
  api = await startFakePoliceApi({ crimes: 1500, maxPerRequest: 60, throttleFirst: 2, month: '2024-03' });
  const connector = new PoliceApiConnector({
    force: 'hampshire',
    areas: [{ code: 'E07000088', poly: GOSPORT_SQUARE }],
    forceTotals: true,
  });
  const result = await runIngest(
    t.hub.dataSource,
    connector,
    {
      source: { url: api.url },
      trigger: 'test',
      timeoutMs: 60_000,
      figuresChanged: t.hub.figuresChanged,
      retry: { retries: 3, baseDelayMs: 50, maxDelayMs: 1000, requestTimeoutMs: 5000 },
    },
    silentLogger,
  );
  expect(result.status).toBe('SUCCEEDED');
  expect(result.run!.rowsRead).toBe(1500 + 25);

  const statuses = api.requests.filter((r) => r.path === '/crimes-street/all-crime').map((r) => r.status);
  expect(statuses.slice(0, 2)).toEqual([429, 429]);
  expect(statuses).toContain(503);
  const times = api.requests.map((r) => r.at);
  expect(times.length).toBeGreaterThan(45); // enough that pacing, not the burst, decides
  for (const start of times) expect(times.filter((x) => x >= start && x < start + 1000).length).toBeLessThanOrEqual(30);
  // After the first 15, no faster than 15 a second on average.
  expect((times.length - 15) / ((times[times.length - 1]! - times[0]!) / 1000)).toBeLessThanOrEqual(15.5);

  // Expected: a plain count of the fake's crimes by category (all lie inside the square).
  const expected = new Map<string, number>();
  for (const c of api.crimes) expected.set(nameOf.get(c.category)!, (expected.get(nameOf.get(c.category)!) ?? 0) + 1);
  const obs = await t.hub.dataSource.manager.find(Observation, { where: { areaCode: 'E07000088', period: '2024-03' } });
  const got = new Map(obs.map((o) => [o.measureCode, o.value]));
  expect(got.get('police.all-crime')).toBe(1500);
  expect(got.get('police.violence-and-sexual-offences')).toBe(expected.get('Violence and sexual offences'));
  expect(got.get('police.burglary')).toBe(expected.get('Burglary'));
  const force = await t.hub.dataSource.manager.findOneByOrFail(Observation, {
    areaCode: 'E23000030',
    measureCode: 'police.all-crime',
    period: '2024-03',
  });
  expect(force.value).toBe(1525); // the square's crimes and those with no location
});

test('a polygon too long for a GET is sent as a POST form', async () => {
  await api?.close();
  api = await startFakePoliceApi({ crimes: 200, maxPerRequest: 10_000, throttleFirst: 0, month: '2024-04' });
  // A 400-point circle inside the square: its poly parameter is far longer than 4,094 characters.
  const circle: Polygon = Array.from({ length: 400 }, (_, i) => [
    50.8 + 0.019 * Math.sin((2 * Math.PI * i) / 400),
    -1.16 + 0.039 * Math.cos((2 * Math.PI * i) / 400),
  ]);
  const connector = new PoliceApiConnector({
    force: 'hampshire',
    areas: [{ code: 'E07000088', poly: circle }],
    month: '2024-04',
  });
  const result = await runIngest(
    t.hub.dataSource,
    connector,
    {
      source: { url: api.url },
      trigger: 'test',
      timeoutMs: 60_000,
      figuresChanged: t.hub.figuresChanged,
    },
    silentLogger,
  );
  expect(result.status).toBe('SUCCEEDED');
  const street = api.requests.filter((r) => r.path === '/crimes-street/all-crime');
  expect(street.map((r) => r.method)).toEqual(['POST']);
  expect(result.run!.rowsRead).toBeGreaterThan(100);
});
