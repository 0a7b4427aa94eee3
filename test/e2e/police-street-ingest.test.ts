import { Observation, ObservationRevision, RejectedRow } from '../../src/entities';
import { silentLogger } from '../../src/logging/logger';
import { PoliceStreetConnector } from '../../src/ingest/connectors/police-street.connector';
import { runIngest } from '../../src/ingest/ingest-runner';
import { POLICE_SAMPLE, readSample, writeFixture } from '../helpers/fixtures';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// The real data.police.uk excerpt (200 rows of Hampshire, February 2022), ingested through the
// runner into a real store and read back over HTTP. Expected counts were taken from the file
// with a separate script (csv.DictReader and Counter), not from this code.

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t.stop();
});

const connector = new PoliceStreetConnector();
const ingest = (file: string) =>
  runIngest(
    t.hub.dataSource,
    connector,
    { source: { file }, trigger: 'test', timeoutMs: 30_000, figuresChanged: t.hub.figuresChanged },
    silentLogger,
  );

async function value(measure: string, area: string, period = '2022-02'): Promise<number | null | undefined> {
  const res = await t.gql<{ area: { observations: { edges: Array<{ node: { value: number | null } }> } } }>(
    'query($a: String!, $m: String!, $p: String!) { area(code: $a) { observations(measure: $m, from: $p, to: $p) { edges { node { value } } } } }',
    { a: area, m: measure, p: period },
  );
  return res.body.data?.area.observations.edges[0]?.node.value;
}

test('the real sample: counts by district, LSOA and force, with provenance', async () => {
  const result = await ingest(writeFixture('2022-02-hampshire-street.csv', readSample(POLICE_SAMPLE)));
  expect(result.status).toBe('SUCCEEDED');
  expect(result.run).toMatchObject({ rowsRead: 200, rowsRejected: 0 });

  expect(await value('police.violence-and-sexual-offences', 'E07000088')).toBe(13); // Gosport
  expect(await value('police.anti-social-behaviour', 'E07000088')).toBe(7);
  expect(await value('police.all-crime', 'E07000088')).toBe(32);
  expect(await value('police.burglary', 'E07000089')).toBe(3); // Hart
  expect(await value('police.violence-and-sexual-offences', 'E23000030')).toBe(76); // the force
  expect(await value('police.all-crime', 'E23000030')).toBe(200);
  expect(await value('police.robbery', 'E07000088')).toBe(0); // no rows: an explicit zero
  expect(await value('police.all-crime', 'E07000087')).toBeUndefined(); // Fareham is not in the excerpt: no figure at all
  expect(await value('police.all-crime', 'E01022802')).toBe(13); // a Gosport LSOA

  const lsoa = await t.gql<{
    area: { type: string; parents: Array<{ code: string }>; partnerships: Array<{ slug: string }> };
    gosport: { children: Array<{ code: string }> };
    southampton: { observations: { totalCount: number } };
  }>(
    '{ area(code: "E01022802") { type parents { code } partnerships { slug } } gosport: area(code: "E07000088") { children { code } } southampton: area(code: "E01017144") { observations { totalCount } } }',
  );
  // Gosport 001C, in MSOA Gosport 001 (E02004741), as the LSOA lookup of data/geography/ has it.
  expect(lsoa.body.data!.area).toEqual({
    type: 'LSOA',
    parents: [{ code: 'E02004741' }, { code: 'E07000088' }],
    partnerships: [{ slug: 'gosport' }],
  });
  // The geography's 53 LSOAs and 10 MSOAs of Gosport, whether the file mentions them or not.
  expect(lsoa.body.data!.gosport.children).toHaveLength(63);
  // Every LSOA the hub holds in the force's districts gets its figures (issue 16), partnership
  // district or not: Southampton's has rows in the file, so all 15 measures for February 2022.
  expect(lsoa.body.data!.southampton.observations.totalCount).toBe(15);

  const prov = await t.gql<{
    area: {
      observations: {
        edges: Array<{ node: { provenance: { dataset: string; ingestRun: string; sourceUrl: string } } }>;
      };
    };
  }>(
    '{ area(code: "E07000088") { observations(measure: "police.all-crime") { edges { node { provenance { dataset ingestRun sourceUrl } } } } } }',
  );
  expect(prov.body.data!.area.observations.edges[0]!.node.provenance).toMatchObject({
    dataset: 'police-street',
    ingestRun: String(result.run!.id),
  });
  expect(prov.body.data!.area.observations.edges[0]!.node.provenance.sourceUrl).toMatch(
    /2022-02-hampshire-street\.csv$/,
  );
});

test('a re-run of the same file changes nothing; a corrected file updates and keeps revisions', async () => {
  const before = await t.hub.dataSource.manager.count(Observation);
  const again = await ingest(writeFixture('2022-02-hampshire-street.csv', readSample(POLICE_SAMPLE)));
  expect(again.counts).toMatchObject({ inserted: 0, updated: 0 });
  expect(await t.hub.dataSource.manager.count(Observation)).toBe(before);
  expect(await t.hub.dataSource.manager.count(ObservationRevision)).toBe(0);

  // Correct one Gosport anti-social behaviour row into a burglary.
  const lines = readSample(POLICE_SAMPLE).split('\n');
  const i = lines.findIndex((l) => l.includes(',Gosport ') && l.includes(',Anti-social behaviour,'));
  lines[i] = lines[i]!.replace(',Anti-social behaviour,', ',Burglary,');
  const corrected = await ingest(writeFixture('2022-02-hampshire-street.csv', lines.join('\n')));
  // Gosport, its LSOA, its partnership's area (E22000113, Gosport alone) and the force each
  // change in two measures; all-crime stays the same.
  expect(corrected.counts).toMatchObject({ inserted: 0, updated: 8 });
  expect(await value('police.anti-social-behaviour', 'E07000088')).toBe(6);
  // The earlier values, as the file had them: Gosport ASB 7 and burglary 1 (and so its
  // partnership's area, which is Gosport alone), its LSOA E01022802 ASB 4 and burglary 0, the
  // force ASB 19 and burglary 13.
  const revisions = await t.hub.dataSource.manager.find(ObservationRevision);
  expect(revisions.map((r) => r.value).sort((a, b) => a! - b!)).toEqual([0, 1, 1, 4, 7, 7, 13, 19]);
  expect(await value('police.burglary', 'E23000030')).toBe(14);
});

test('bad rows are rejected with line and reason while the good rows load', async () => {
  const lines = readSample(POLICE_SAMPLE).trimEnd().split('\n');
  lines[3] = lines[3]!.replace(',2022-02,', ',2022-13,');
  lines[10] = lines[10]!.replace(/,Hampshire Constabulary,Hampshire Constabulary,.*$/, ',Hampshire Constabulary');
  lines[20] = lines[20]!.replace(
    /,(Violence and sexual offences|Other theft|Public order|Burglary|Shoplifting|Vehicle crime|Criminal damage and arson|Anti-social behaviour|Drugs|Robbery|Other crime|Bicycle theft|Possession of weapons|Theft from the person),/,
    ',Arson,',
  );
  const result = await ingest(writeFixture('2022-02-hampshire-street.csv', lines.join('\r\n') + '\r\n'));
  expect(result.status).toBe('SUCCEEDED');
  expect(result.run).toMatchObject({ rowsRead: 200, rowsRejected: 3 });
  const rejected = await t.hub.dataSource.manager.find(RejectedRow, {
    where: { runId: result.run!.id },
    order: { line: 'ASC' },
  });
  expect(rejected.map((r) => [r.line, r.reason])).toEqual([
    [4, 'the Month is not a month (YYYY-MM)'],
    [11, 'expected 12 fields, found 3'],
    [21, 'the Crime type is not one the hub knows'],
  ]);
  expect(rejected[0]!.raw).toBe(lines[3]);
  expect(await value('police.all-crime', 'E23000030', '2022-02')).toBe(197);
});

test('a file named without its month is of the month most of its rows have; the rest are rejected', async () => {
  // The sample's 200 rows relabelled December 2021, after 4 of them relabelled November and
  // before one of them relabelled January and one November again: December has most rows.
  const [header, ...rows] = readSample(POLICE_SAMPLE).trimEnd().split('\n');
  const as = (month: string) => (row: string) => row.replace(',2022-02,', `,${month},`);
  const text = [
    header,
    ...rows.slice(0, 4).map(as('2021-11')),
    ...rows.map(as('2021-12')),
    as('2022-01')(rows[0]!),
    as('2021-11')(rows[1]!),
  ].join('\n');
  const result = await ingest(writeFixture('hampshire-street-extract.csv', `${text}\n`));
  expect(result.status).toBe('SUCCEEDED');
  expect(result.run).toMatchObject({ rowsRead: 206 });
  const rejected = await t.hub.dataSource.manager.find(RejectedRow, {
    where: { runId: result.run!.id },
    order: { line: 'ASC' },
  });
  // November's rows were not kept one by one (it was the first month met): they are counted.
  const why = "the row is not of the file's month (2021-12, the month most of its rows have)";
  expect(rejected.map((r) => [r.line, r.reason])).toEqual([
    [0, `5 row(s) of 2021-11: ${why}`],
    [206, why],
  ]);
  // December as the sample's February: Gosport 32 crimes, the force 200.
  expect(await value('police.all-crime', 'E07000088', '2021-12')).toBe(32);
  expect(await value('police.all-crime', 'E23000030', '2021-12')).toBe(200);
  expect(await value('police.all-crime', 'E23000030', '2021-11')).toBeUndefined();
  expect(await value('police.all-crime', 'E23000030', '2022-01')).toBeUndefined();
});

test('a changed header fails the run with a clear error and writes nothing', async () => {
  const before = await t.hub.dataSource.manager.count(Observation);
  const text = readSample(POLICE_SAMPLE).replace('LSOA code,LSOA name', 'LSOA21 code,LSOA21 name');
  const result = await ingest(writeFixture('2022-04-hampshire-street.csv', text));
  expect(result.status).toBe('FAILED');
  // The columns expected and which are not in their places; never the header read (the file
  // may be anything given by mistake, and a run's error is public): that goes to the log only.
  expect(result.error).toBe(
    `the street-level file's header has changed: expected "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"; found 12 column(s), "LSOA code", "LSOA name" not in their places`,
  );
  expect(await t.hub.dataSource.manager.count(Observation)).toBe(before);
  const run = await t.gql<{ ingestRuns: { edges: Array<{ node: { status: string; error: string } }> } }>(
    '{ ingestRuns(first: 1) { edges { node { status error } } } }',
  );
  expect(run.body.data!.ingestRuns.edges[0]!.node.status).toBe('FAILED');
});
