import fc from 'fast-check';
import { createKey } from '../../src/auth/api-keys';
import { PoliceStreetConnector } from '../../src/ingest/connectors/police-street.connector';
import { runIngest } from '../../src/ingest/ingest-runner';
import { Observation } from '../../src/entities';
import { ErrorCode } from '../../src/errors/error-code';
import { silentLogger } from '../../src/logging/logger';
import { exampleOperations } from '../../src/server/explorer';
import { POLICE_SAMPLE, readSample, writeFixture } from '../helpers/fixtures';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// The hub under random input: malformed GraphQL documents and variables never get a 500 or an
// unknown error code; random files through the real ingest runner either load or fail leaving
// the figures as they were; and the hub keeps answering while a large file is ingested.

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ rateLimitPerMinute: 0 });
});
afterAll(async () => {
  await t.stop();
});

const CODES = new Set<string>(Object.values(ErrorCode));
const ops = exampleOperations();

async function send(body: string): Promise<void> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  expect(res.status).toBeLessThan(500);
  const json = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  for (const e of json.errors ?? []) expect(CODES.has(e.extensions?.code ?? '')).toBe(true);
}

test('random and mangled documents: a clear error with a known code, never a 500', async () => {
  const mangled = fc
    .tuple(fc.constantFrom(...ops), fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 12 }))
    .map(([op, at, len, junk]) => {
      const i = at % op.query.length;
      return op.query.slice(0, i) + junk + op.query.slice(i + len);
    });
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), mangled), (query) => send(JSON.stringify({ query }))),
    { numRuns: 150 },
  );
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 100 }), (body) => send(body).catch(() => undefined)),
    { numRuns: 30 },
  );
  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
});

test('random variables for every contract operation: never a 500', async () => {
  const variables = fc.dictionary(
    fc.constantFrom(
      'code',
      'slug',
      'measure',
      'area',
      'from',
      'to',
      'frequency',
      'values',
      'ruleSet',
      'baselinePoints',
      'rebaseAt',
    ),
    fc.anything({ maxDepth: 2 }),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...ops), variables, (op, vars) =>
      send(JSON.stringify({ query: op.query, variables: vars })),
    ),
    { numRuns: 150 },
  );
});

test('random files through the ingest runner: loaded, or failed with the figures untouched', async () => {
  const real = readSample(POLICE_SAMPLE);
  const file = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.tuple(fc.nat(), fc.string({ maxLength: 30 })).map(([cut, junk]) => real.slice(0, cut % real.length) + junk),
  );
  await fc.assert(
    fc.asyncProperty(file, async (text) => {
      const before = await t.hub.dataSource.manager.count(Observation);
      const result = await runIngest(
        t.hub.dataSource,
        new PoliceStreetConnector(),
        {
          source: { file: writeFixture('2022-02-hampshire-street.csv', text) },
          trigger: 'fuzz',
          timeoutMs: 10_000,
          figuresChanged: t.hub.figuresChanged,
        },
        silentLogger,
      );
      expect(['SUCCEEDED', 'FAILED']).toContain(result.status);
      if (result.status === 'FAILED') expect(await t.hub.dataSource.manager.count(Observation)).toBe(before);
    }),
    { numRuns: 25 },
  );
});

test('random and truncated CSV uploads to /submissions: refused with a code or written whole, never a 500', async () => {
  const { key } = await createKey(t.hub.dataSource, 'portsmouth-city-council', 'fuzz', 'hub');
  const good =
    'measure,area,period,value,numerator,denominator,note\n' +
    'partner.women-in-drug-and-alcohol-treatment,E06000044,2021-Q1,431,,,"a note, quoted"\n' +
    'partner.women-in-drug-and-alcohol-treatment,E06000044,2021-Q2,*,,,\n';
  const body = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.tuple(fc.nat(), fc.string({ maxLength: 20 })).map(([cut, junk]) => good.slice(0, cut % good.length) + junk),
    // A stray quote, comma or line break somewhere in a good file.
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.nat(), fc.constantFrom('"', ',', '\n', '\r', '""'))
        .map(([at, ch]) => good.slice(0, at % good.length) + ch + good.slice(at % good.length)),
    },
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  );
  await fc.assert(
    fc.asyncProperty(body, async (text) => {
      const before = await t.hub.dataSource.manager.count(Observation);
      const res = await fetch(`${t.url}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'x-api-key': key },
        body: text,
      });
      const json = (await res.json()) as {
        rows?: number;
        inserted?: number;
        updated?: number;
        errors?: Array<{ extensions?: { code?: string } }>;
      };
      expect(res.status).toBeLessThan(500);
      if (res.status === 201) {
        expect(await t.hub.dataSource.manager.count(Observation)).toBe(before + json.inserted!);
      } else {
        for (const e of json.errors ?? []) expect(CODES.has(e.extensions?.code ?? '')).toBe(true);
        expect(await t.hub.dataSource.manager.count(Observation)).toBe(before);
      }
    }),
    { numRuns: 100 },
  );
});

test('the hub keeps answering while a 150,000-row file is ingested', async () => {
  const [header, ...rows] = readSample(POLICE_SAMPLE).trimEnd().split('\n');
  const month = rows.map((r) => r.replace(',2022-02,', ',2022-05,'));
  const big = [header, ...Array.from({ length: 750 }, () => month).flat()].join('\n');
  const ingest = runIngest(
    t.hub.dataSource,
    new PoliceStreetConnector(),
    {
      source: { file: writeFixture('2022-05-hampshire-street.csv', big) },
      trigger: 'load',
      timeoutMs: 120_000,
      figuresChanged: t.hub.figuresChanged,
    },
    silentLogger,
  );
  const answered: number[] = [];
  let firstAnswerAt = 0;
  for (let i = 0; i < 20; i += 1) {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ partnerships { slug } }' }),
    });
    answered.push(res.status);
    firstAnswerAt ||= Date.now();
  }
  const result = await ingest;
  expect(firstAnswerAt).toBeLessThan(result.run!.finishedAt!.getTime()); // answered during the ingest, not after
  expect(answered).toEqual(Array.from({ length: 20 }, () => 200));
  expect(result.status).toBe('SUCCEEDED');
  expect(result.run!.rowsRead).toBe(150_000);
  const gosport = await t.hub.dataSource.manager.findOneByOrFail(Observation, {
    measureCode: 'police.all-crime',
    areaCode: 'E07000088',
    period: '2022-05',
  });
  expect(gosport.value).toBe(32 * 750);
});
