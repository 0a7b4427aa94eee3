import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SourceNames1795968000000 } from '../../src/migrations/1795968000000-SourceNames';
import { POLICE_SAMPLE, readSample } from '../helpers/fixtures';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// A figure's provenance names the dataset and the source as it was published: the file's name
// or the URL, never where the file sat on the server that read it. Checked from the outside:
// the ingest CLI reads a file deep in a temporary folder, and the API, the run list and the
// observations export are read back over HTTP.

const CLI = join(__dirname, '..', '..', 'dist', 'jobs', 'ingest-cli.js');
const run = promisify(execFile);

let t: TestHub;
let folder: string;
beforeAll(async () => {
  t = await startTestHub();
  folder = join(mkdtempSync(join(tmpdir(), 'hub-provenance-')), 'deep', 'on', 'the', 'server');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, '2022-02-hampshire-street.csv');
  writeFileSync(file, readSample(POLICE_SAMPLE));
  await run(process.execPath, [CLI, 'police-street', '--file', file], {
    env: {
      ...process.env,
      LOG_LEVEL: 'error',
      DATABASE_URL: t.store.settings.databaseUrl,
      SQLITE_PATH: t.store.settings.sqlitePath,
    },
  });
});
afterAll(async () => {
  await t.stop();
});

test('provenance, the run and the export name the file, not its path', async () => {
  const res = await t.gql<{
    area: { observations: { edges: Array<{ node: { provenance: { dataset: string; sourceUrl: string } } }> } };
    ingestRuns: { edges: Array<{ node: { source: string; status: string } }> };
  }>(`{
    area(code: "E07000088") { observations(measure: "police.all-crime") { edges { node { provenance { dataset sourceUrl } } } } }
    ingestRuns(first: 5) { edges { node { source status } } }
  }`);
  expect(res.body.data!.area.observations.edges.map((e) => e.node.provenance)).toEqual([
    { dataset: 'police-street', sourceUrl: '2022-02-hampshire-street.csv' },
  ]);
  expect(res.body.data!.ingestRuns.edges.map((e) => e.node)).toEqual([
    { source: '2022-02-hampshire-street.csv', status: 'SUCCEEDED' },
  ]);
  const csv = await (await fetch(`${t.url}/export/observations.csv?area=E07000088`)).text();
  expect(csv).toContain('2022-02-hampshire-street.csv');
  expect(csv).not.toContain(folder);
  expect(csv).not.toContain('file:');
});

test('a missing file fails the run with its name, never its path', async () => {
  const missing = join(folder, 'missing-2022-03.csv');
  await expect(
    run(process.execPath, [CLI, 'police-street', '--file', missing], {
      env: {
        ...process.env,
        LOG_LEVEL: 'error',
        DATABASE_URL: t.store.settings.databaseUrl,
        SQLITE_PATH: t.store.settings.sqlitePath,
      },
    }),
  ).rejects.toMatchObject({ code: 1 });
  const res = await t.gql<{ ingestRuns: { edges: Array<{ node: { source: string; error: string | null } }> } }>(
    '{ ingestRuns(first: 1) { edges { node { source error } } } }',
  );
  expect(res.body.data!.ingestRuns.edges[0]!.node).toEqual({
    source: 'missing-2022-03.csv',
    error: 'missing-2022-03.csv cannot be read (ENOENT)',
  });
});

test('stores written before this change have their file paths cut to the file name', async () => {
  const ds = t.hub.dataSource;
  const postgres = ds.options.type === 'postgres';
  const p = (n: number): string => (postgres ? `$${n}` : '?');
  await ds.query(
    `INSERT INTO "ingest_run" ("dataset_id", "status", "trigger", "source", "started_at", "rows_read", "rows_written", "rows_rejected")
     VALUES (${p(1)}, 'SUCCEEDED', 'test', ${p(2)}, ${p(3)}, 0, 0, 0)`,
    ['police-street', 'file:/srv/hub/incoming/2017-03-hampshire-street.csv', new Date().toISOString()],
  );
  const runner = ds.createQueryRunner();
  try {
    await new SourceNames1795968000000().up(runner);
  } finally {
    await runner.release();
  }
  const rows = (await ds.query(`SELECT "source" FROM "ingest_run" WHERE "source" LIKE ${p(1)}`, [
    '%2017-03-hampshire-street.csv',
  ])) as Array<{ source: string }>;
  expect(rows).toEqual([{ source: '2017-03-hampshire-street.csv' }]);
});
