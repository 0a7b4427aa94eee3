import { Frequency, Polarity, Unit } from '../../src/domain/enums';
import { Measure, Observation } from '../../src/entities';
import { silentLogger } from '../../src/logging/logger';
import { FingertipsConnector } from '../../src/ingest/connectors/fingertips.connector';
import { runIngest } from '../../src/ingest/ingest-runner';
import { FINGERTIPS_SAMPLE, readSample, writeFixture } from '../helpers/fixtures';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// The real Fingertips export (CRLF, a quoted name with an embedded newline, 25 fields against a
// 26-column header). Expected figures were read from the file with a separate script.

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  // The sample's indicator (Campylobacter, 93356) is not a community safety measure; the test
  // makes it one so the real file can be read end to end.
  await t.hub.dataSource.manager.insert(Measure, {
    code: 'fingertips.93356',
    name: 'Campylobacter incidence rate/100,000',
    definition: 'Test measure for the real sample file.',
    unit: Unit.RATE_PER_100000,
    polarity: Polarity.LOWER_IS_BETTER,
    frequency: Frequency.YEAR,
    source: 'fingertips',
    datasetId: 'fingertips',
    sourceDocument: null,
  });
});
afterAll(async () => {
  await t.stop();
});

const ingest = (file: string, force = false) =>
  runIngest(
    t.hub.dataSource,
    new FingertipsConnector(),
    { source: { file }, trigger: 'test', timeoutMs: 30_000, figuresChanged: t.hub.figuresChanged, force },
    silentLogger,
  );

test('headline figures for the areas the hub knows, with counts, denominators, intervals and notes', async () => {
  const result = await ingest(writeFixture('fingertips.csv', readSample(FINGERTIPS_SAMPLE)));
  expect(result.status).toBe('SUCCEEDED');
  expect(result.run).toMatchObject({ rowsRead: 111, rowsRejected: 0, rowsWritten: 33 });
  const obs = await t.hub.dataSource.manager.find(Observation, { where: { measureCode: 'fingertips.93356' } });
  expect(obs).toHaveLength(33); // 11 areas, all the hub's (Cornwall and two London boroughs too), x 3 years, all ages, persons
  const portsmouth2017 = obs.find((o) => o.areaCode === 'E06000044' && o.period === '2017')!;
  expect(portsmouth2017).toMatchObject({
    value: 149.419080956282,
    numerator: 321,
    denominator: 214832,
    lowerCi: 133.518697347656,
    frequency: 'YEAR',
  });
  const southEast2016 = obs.find((o) => o.areaCode === 'E12000008' && o.period === '2016')!;
  expect(southEast2016).toMatchObject({
    value: 100.495252925978,
    upperCi: null,
    note: 'Aggregated from all known lower geography values',
  });
  // The City of London's 2017 value is suppressed in the file: a figure with no value.
  expect(obs.find((o) => o.areaCode === 'E09000001' && o.period === '2017')).toMatchObject({ value: null });
  expect(obs.find((o) => o.areaCode === 'E06000052' && o.period === '2017')).toMatchObject({
    value: 124.101835448161,
    numerator: 690,
  });
});

test('a file with a BOM reads the same (a re-run changes nothing); a missing column is refused', async () => {
  const text = readSample(FINGERTIPS_SAMPLE);
  const again = await ingest(writeFixture('fingertips.csv', `\ufeff${text}`));
  expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 33 });
  const broken = await ingest(writeFixture('fingertips.csv', text.replace('Area Code', 'AreaCode')));
  expect(broken.status).toBe('FAILED');
  expect(broken.error).toBe('not a Fingertips all_data file: missing column(s) "Area Code"');
});

test('an indicator the hub does not measure is rejected by line; bad numbers too', async () => {
  // Every record spans two physical lines (the indicator name holds a newline): record n
  // starts on line 2n. The first record is England 2015.
  const text = readSample(FINGERTIPS_SAMPLE)
    .replace(/^93356,/m, '12345,')
    .replace(',129.865223509856,', ',12x.8,');
  // Forced: the two rows were England's and Portsmouth's 2015 figures, which the store holds from
  // the tests above, so the whole-source guard would refuse the file as missing them.
  const unforced = await ingest(writeFixture('fingertips.csv', text));
  expect(unforced.error).toMatch(/^suspect delivery, nothing written: 2 figure\(s\) delivered before are missing: /);
  const result = await ingest(writeFixture('fingertips.csv', text), true);
  expect(result.status).toBe('SUCCEEDED');
  expect(result.run!.rowsRejected).toBe(2);
  const rows = await t.gql<{
    ingestRuns: {
      edges: Array<{ node: { rejectedRows: { edges: Array<{ node: { line: number; reason: string } }> } } }>;
    };
  }>('{ ingestRuns(first: 1) { edges { node { rejectedRows { edges { node { line reason } } } } } } }');
  const rejected = rows.body.data!.ingestRuns.edges[0]!.node.rejectedRows.edges.map((e) => e.node);
  expect(rejected[0]).toEqual({
    line: 2,
    reason: 'the Indicator ID is not a hub measure (measures are added in data/reference/measures)',
  });
  expect(rejected[1]!.reason).toBe('the Value is not a number');
  expect(rejected[1]!.line % 2).toBe(0);
});
