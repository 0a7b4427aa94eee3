import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES_DIR } from '../../jobs/samples/generate-samples';
import { silentLogger } from '../../src/logging/logger';
import { loadSettings } from '../../src/config/settings';
import { hubJobs } from '../../jobs/hub-jobs';
import { startHub } from '../../src/hub';
import { contractOperation, startTestHub, type TestHub } from '../helpers/test-hub';

// A fresh store on first start: the sample files are generated and ingested, the schedule is
// recorded, and the figures served match plain counts over the sample files made in this test.

let t: TestHub;
let restarted = false;
// Samples left by an earlier generator (before real LSOAs): a month this generator does not
// make, in invented E0190xxxx codes, and the earlier version's stamp.
const STRAY = join(SAMPLES_DIR, 'police-street', '2020-06-hampshire-street.csv');
beforeAll(async () => {
  mkdirSync(join(SAMPLES_DIR, 'police-street'), { recursive: true });
  writeFileSync(join(SAMPLES_DIR, 'GENERATOR_VERSION'), '1\n');
  writeFileSync(
    STRAY,
    'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n' +
      ',2020-06,Hampshire Constabulary,Hampshire Constabulary,-1.15,50.80,On or near Sample Street 1,E01900108,Gosport 008A,Anti-social behaviour,,\n',
  );
  t = await startTestHub({ ingestOnStart: true, scheduler: true });
}, 120_000);

test('samples written by an earlier generator are written again, and only the new ones are read', async () => {
  expect(existsSync(STRAY)).toBe(false);
  expect(readFileSync(join(SAMPLES_DIR, 'GENERATOR_VERSION'), 'utf8')).toBe('2\n');
  const invented = await t.hub.dataSource.query("SELECT COUNT(*) AS n FROM area WHERE code LIKE 'E019%'");
  expect(Number((invented as Array<{ n: number | string }>)[0]!.n)).toBe(0);
  const june = await t.hub.dataSource.query("SELECT COUNT(*) AS n FROM observation WHERE period = '2020-06'");
  expect(Number((june as Array<{ n: number | string }>)[0]!.n)).toBe(0);
});
afterAll(async () => {
  // The last test stops this hub itself to start another on the same store.
  if (restarted) await t.store.drop();
  else await t.stop();
});

function policeRows(month: string, force: string): string[][] {
  const text = readFileSync(join(SAMPLES_DIR, 'police-street', `${month}-${force}-street.csv`), 'utf8');
  // The generated files have no quoted fields: a plain split is an independent reading.
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(','));
}

test('every sample dataset ran once, successfully, and its schedule is recorded', async () => {
  const { query } = contractOperation('ingest-status');
  const res = await t.gql<{
    datasets: Array<{ id: string; schedule: string | null; lastRun: { status: string; rowsRejected: number } | null }>;
    ingestRuns: { totalCount: number };
  }>(query);
  expect(res.body.errors).toBeUndefined();
  const byId = Object.fromEntries(res.body.data!.datasets.map((d) => [d.id, d]));
  for (const id of ['police-street', 'fingertips', 'fire-incidents', 'ons-population', 'partner-feed']) {
    expect(byId[id]!.lastRun).toMatchObject({ status: 'SUCCEEDED', rowsRejected: 0 });
    expect(byId[id]!.schedule).toMatch(/^[\d*\s/,-]+$/);
  }
  expect(byId['documents']!.schedule).toBeNull();
  // 36 months of street files (each month's two force files read in one run), the two ONS files
  // of data/ons/, and one file each for the other three.
  expect(res.body.data!.ingestRuns.totalCount).toBe(41);
  // Every file's write was followed by its aftermath (a job of 36 runs has one, at its end):
  // nothing is left for the next start to finish.
  expect(await t.hub.dataSource.query('SELECT measure_code FROM pending_aftermath')).toEqual([]);
});

test('Gosport violence by month matches a plain count of the sample files', async () => {
  const res = await t.gql<{
    area: { observations: { totalCount: number; edges: Array<{ node: { period: string; value: number } }> } };
  }>(
    '{ area(code: "E07000088") { observations(measure: "police.violence-and-sexual-offences", from: "2021-01", to: "2023-12", first: 50) { totalCount edges { node { period value } } } } }',
  );
  const series = res.body.data!.area.observations;
  expect(series.totalCount).toBe(36);
  for (const month of ['2021-01', '2022-06', '2023-07']) {
    const expected = policeRows(month, 'hampshire').filter(
      (f) => f[8]!.startsWith('Gosport ') && f[9] === 'Violence and sexual offences',
    ).length;
    expect(series.edges.find((e) => e.node.period === month)!.node.value).toBe(expected);
  }
});

test('the Area contract operation: population from the real ONS estimate, figures with provenance', async () => {
  const { query, variables } = contractOperation('area');
  const res = await t.gql<{
    area: {
      population: { period: string; value: number };
      observations: { totalCount: number; edges: Array<{ node: { provenance: { dataset: string } } }> };
    };
  }>(query, variables);
  expect(res.body.errors).toBeUndefined();
  // Gosport's mid-2019 estimate, 84,838, as data/ons/population-lad-mid2019-persons-syoa.csv has it.
  expect(res.body.data!.area.population).toEqual({ period: '2019', value: 84_838 });
  expect(res.body.data!.area.observations.totalCount).toBeGreaterThan(36 * 15);
  expect(new Set(res.body.data!.area.observations.edges.map((e) => e.node.provenance.dataset))).toEqual(
    new Set(['police-street']),
  );
});

test("a partnership's figures span its districts, filtered by period range", async () => {
  const res = await t.gql<{
    partnership: {
      observations: { totalCount: number; edges: Array<{ node: { area: { code: string }; period: string } }> };
    };
  }>(
    '{ partnership(slug: "safer-north-hampshire") { observations(measure: "police.all-crime", from: "2023-01", to: "2023-12", first: 100) { totalCount edges { node { area { code } period } } } } }',
  );
  const obs = res.body.data!.partnership.observations;
  expect(obs.totalCount).toBe(36); // 3 districts x 12 months
  expect(new Set(obs.edges.map((e) => e.node.area.code))).toEqual(new Set(['E07000084', 'E07000089', 'E07000092']));
  expect(obs.edges.every((e) => e.node.period >= '2023-01' && e.node.period <= '2023-12')).toBe(true);
});

test('starting again on the same store runs nothing new', async () => {
  const settings = loadSettings(
    {},
    { port: 0, host: '127.0.0.1', logLevel: 'error', scheduler: false, ingestOnStart: true, ...t.store.settings },
  );
  await t.hub.stop();
  restarted = true;
  const again = await startHub(settings, silentLogger, hubJobs(settings, silentLogger));
  try {
    const runs = await again.dataSource.query('SELECT COUNT(*) AS n FROM ingest_run');
    expect(Number((runs as Array<{ n: number | string }>)[0]!.n)).toBe(41); // 36 police months, 2 population files, 3 others
  } finally {
    await again.stop();
  }
});
