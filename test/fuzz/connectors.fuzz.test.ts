import fc from 'fast-check';
import { createConnector, CONNECTOR_DATASETS } from '../../src/ingest/connectors';
import { CsvFormatError } from '../../src/ingest/csv/csv-reader';
import { AreaDirectory } from '../../src/ingest/area-directory';
import { SourceFormatError, type ConnectorContext, type Connector } from '../../src/ingest/connector';
import { AreaType, Frequency, Unit } from '../../src/domain/enums';
import { silentLogger } from '../../src/logging/logger';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PoliceApiConnector } from '../../src/ingest/connectors/police-api/police-api.connector';
import { SourceFetchError } from '../../src/ingest/source';
import { fireSample, partnerFeedSample, populationSample } from '../../jobs/samples/other.sample';
import { FINGERTIPS_SAMPLE, POLICE_SAMPLE, readSample } from '../helpers/fixtures';

// Random bytes, random text and truncated real files into every file connector: each either
// reads what it can (bad rows rejected with a line) or refuses the file with a format error.
// The API connector gets the same through a local stand-in whose answers are mangled: it reads
// the month, or fails with a format or fetch error. Never a crash of another kind. Bounded: a
// fixed number of runs per property.

const areas = new AreaDirectory(
  [
    { code: 'E07000088', name: 'Gosport', type: AreaType.DISTRICT, note: null, vintage: 2019 },
    { code: 'E23000030', name: 'Hampshire', type: AreaType.POLICE_FORCE_AREA, note: null, vintage: 2017 },
  ],
  [{ childCode: 'E07000088', parentCode: 'E23000030' }],
  ['E07000088'],
);
const ctx: ConnectorContext = {
  areas,
  // Shapes as the measure files give them (93356 is not a hub measure: a rate by year here).
  measures: new Map([
    ['police.all-crime', { unit: Unit.COUNT, frequency: Frequency.MONTH }],
    ['fingertips.93356', { unit: Unit.RATE_PER_100000, frequency: Frequency.YEAR }],
    ['ons.population', { unit: Unit.COUNT, frequency: Frequency.YEAR }],
    ['fire.primary-fires', { unit: Unit.COUNT, frequency: Frequency.FINANCIAL_YEAR }],
    ['partner.people-in-drug-and-alcohol-treatment', { unit: Unit.COUNT, frequency: Frequency.QUARTER }],
    ['partner.women-in-drug-and-alcohol-treatment', { unit: Unit.COUNT, frequency: Frequency.QUARTER }],
  ]),
  today: '2026-11-29',
  logger: silentLogger,
  progress: () => undefined,
  signal: new AbortController().signal,
};

const fileConnectors = CONNECTOR_DATASETS.filter((d) => d !== 'police-api').map((d) => createConnector(d) as Connector);

async function survives(connector: Connector, text: string, name = '2022-02-hampshire-street.csv'): Promise<void> {
  try {
    const out = await connector.run(
      {
        name,
        chunks: (async function* () {
          yield text;
        })(),
      },
      ctx,
    );
    expect(out.rowsRead).toBeGreaterThanOrEqual(0);
    for (const r of out.rejected) expect(r.line).toBeGreaterThanOrEqual(1);
    for (const o of out.observations) expect(Number.isFinite(o.value ?? 0)).toBe(true);
  } catch (err) {
    if (!(err instanceof SourceFormatError || err instanceof CsvFormatError)) throw err;
  }
}

test.each(fileConnectors.map((c) => [c.dataset, c] as const))(
  '%s: random text never crashes it',
  async (_name, connector) => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400, unit: 'binary' }), (text) => survives(connector, text)),
      { numRuns: 150 },
    );
  },
);

test.each(fileConnectors.map((c) => [c.dataset, c] as const))(
  '%s: random bytes never crash it',
  async (_name, connector) => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), (bytes) =>
        survives(connector, Buffer.from(bytes).toString('utf8')),
      ),
      { numRuns: 150 },
    );
  },
);

test('truncated and mangled real files: read what is there, or refused cleanly', async () => {
  const police = readSample(POLICE_SAMPLE);
  const fingertips = readSample(FINGERTIPS_SAMPLE);
  const mangle = fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 20 }));
  await fc.assert(
    fc.asyncProperty(mangle, async ([cut, at, junk]) => {
      const p = police.slice(0, cut % police.length);
      const f =
        fingertips.slice(0, at % fingertips.length) +
        junk +
        fingertips.slice(at % fingertips.length, (at + cut) % fingertips.length);
      await survives(createConnector('police-street') as Connector, p);
      await survives(createConnector('fingertips') as Connector, f);
      await survives(createConnector('partner-feed') as Connector, `measure,area,period,value\n${junk}`);
    }),
    { numRuns: 200 },
  );
});

test('truncated and mangled generated files of the other connectors: read what is there, or refused cleanly', async () => {
  const files: Array<[string, string]> = [
    ['fire-incidents', fireSample(2019, 2021)],
    ['ons-population', populationSample(2019, 2021)],
    ['partner-feed', partnerFeedSample(2021, 2022)],
  ];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...files),
      fc.nat(),
      fc.nat(),
      fc.string({ maxLength: 20 }),
      async ([dataset, text], cut, at, junk) => {
        const head = text.slice(0, cut % text.length);
        const i = at % (head.length + 1);
        await survives(
          createConnector(dataset) as Connector,
          head.slice(0, i) + junk + head.slice(i),
          `${dataset}.csv`,
        );
      },
    ),
    { numRuns: 200 },
  );
});

describe('police-api against a stand-in whose answers are mangled', () => {
  const valid: Record<string, string> = {
    '/crime-last-updated': JSON.stringify({ date: '2024-03-01' }),
    '/crime-categories': JSON.stringify([
      { url: 'all-crime', name: 'All crime' },
      { url: 'burglary', name: 'Burglary' },
      { url: 'drugs', name: 'Drugs' },
    ]),
    '/crimes-street/all-crime': JSON.stringify([
      { id: 1, category: 'burglary', month: '2024-03' },
      { id: 2, category: 'drugs', month: '2024-03' },
      { id: 3, category: 'burglary', month: '2024-03' },
    ]),
    '/crimes-no-location': JSON.stringify([{ id: 9, category: 'drugs', month: '2024-03' }]),
  };
  let mangled: { path: string; body: string } = { path: '', body: '' };
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0]!;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(path === mangled.path ? mangled.body : (valid[path] ?? '[]'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('each answer replaced by random text, random bytes or a truncated one: read, or a format or fetch error', async () => {
    const apiCtx = {
      ...ctx,
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, requestTimeoutMs: 2000 },
      onRetry: () => undefined,
    };
    const body = (path: string) =>
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
        fc
          .tuple(fc.nat(), fc.string({ maxLength: 10 }))
          .map(([cut, junk]) => valid[path]!.slice(0, cut % valid[path]!.length) + junk),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      );
    const input = fc.constantFrom(...Object.keys(valid)).chain((path) => body(path).map((b) => ({ path, body: b })));
    await fc.assert(
      fc.asyncProperty(input, async (m) => {
        mangled = m;
        const connector = new PoliceApiConnector({
          force: 'hampshire',
          areas: [
            {
              code: 'E07000088',
              poly: [
                [50.7, -1.2],
                [50.8, -1.2],
                [50.8, -1.1],
              ],
            },
          ],
          forceTotals: true,
          ratePerSecond: 10_000,
        });
        try {
          const out = await connector.fetch(url, apiCtx);
          for (const o of out.observations) expect(Number.isInteger(o.value) && (o.value as number) >= 0).toBe(true);
        } catch (err) {
          if (!(err instanceof SourceFormatError || err instanceof SourceFetchError)) throw err;
        }
      }),
      { numRuns: 120 },
    );
  });
});
