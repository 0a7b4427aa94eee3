import fc from 'fast-check';
import { createConnector, CONNECTOR_DATASETS } from '../../jobs/connectors';
import { CsvFormatError } from '../../jobs/csv/csv-reader';
import { AreaDirectory } from '../../jobs/ingest/area-directory';
import { SourceFormatError, type ConnectorContext, type Connector } from '../../jobs/ingest/connector';
import { AreaType } from '../../src/domain/enums';
import { silentLogger } from '../../src/logging/logger';
import { FINGERTIPS_SAMPLE, POLICE_SAMPLE, readSample } from '../helpers/fixtures';

// Random bytes, random text and truncated real files into every file connector: each either
// reads what it can (bad rows rejected with a line) or refuses the file with a format error.
// Never a crash of another kind. Bounded: a fixed number of runs per property.

const areas = new AreaDirectory(
  [{ code: 'E07000088', name: 'Gosport', type: AreaType.DISTRICT, note: null }, { code: 'E23000030', name: 'Hampshire', type: AreaType.POLICE_FORCE_AREA, note: null }],
  [{ childCode: 'E07000088', parentCode: 'E23000030' }],
  ['E07000088'],
);
const ctx: ConnectorContext = {
  areas,
  measures: new Set(['police.all-crime', 'fingertips.93356', 'ons.population', 'fire.primary-fires', 'partner.people-in-drug-and-alcohol-treatment']),
  logger: silentLogger,
  progress: () => undefined,
  signal: new AbortController().signal,
};

const fileConnectors = CONNECTOR_DATASETS.filter((d) => d !== 'police-api').map((d) => createConnector(d) as Connector);

async function survives(connector: Connector, text: string, name = '2022-02-hampshire-street.csv'): Promise<void> {
  try {
    const out = await connector.run({ name, chunks: (async function* () { yield text; })() }, ctx);
    expect(out.rowsRead).toBeGreaterThanOrEqual(0);
    for (const r of out.rejected) expect(r.line).toBeGreaterThanOrEqual(1);
    for (const o of out.observations) expect(Number.isFinite(o.value ?? 0)).toBe(true);
  } catch (err) {
    if (!(err instanceof SourceFormatError || err instanceof CsvFormatError)) throw err;
  }
}

test.each(fileConnectors.map((c) => [c.dataset, c] as const))('%s: random text never crashes it', async (_name, connector) => {
  await fc.assert(fc.asyncProperty(fc.string({ maxLength: 400, unit: 'binary' }), (text) => survives(connector, text)), { numRuns: 150 });
});

test.each(fileConnectors.map((c) => [c.dataset, c] as const))('%s: random bytes never crash it', async (_name, connector) => {
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), (bytes) => survives(connector, Buffer.from(bytes).toString('utf8'))), { numRuns: 150 });
});

test('truncated and mangled real files: read what is there, or refused cleanly', async () => {
  const police = readSample(POLICE_SAMPLE);
  const fingertips = readSample(FINGERTIPS_SAMPLE);
  const mangle = fc.tuple(fc.nat(), fc.nat(), fc.string({ maxLength: 20 }));
  await fc.assert(
    fc.asyncProperty(mangle, async ([cut, at, junk]) => {
      const p = police.slice(0, cut % police.length);
      const f = fingertips.slice(0, at % fingertips.length) + junk + fingertips.slice(at % fingertips.length, (at + cut) % fingertips.length);
      await survives(createConnector('police-street') as Connector, p);
      await survives(createConnector('fingertips') as Connector, f);
      await survives(createConnector('partner-feed') as Connector, `measure,area,period,value\n${junk}`);
    }),
    { numRuns: 200 },
  );
});
