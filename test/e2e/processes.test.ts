import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { RunStatus } from '../../src/domain/enums';
import { IngestRun, Observation } from '../../src/entities';
import { silentLogger } from '../../src/logging/logger';
import { PoliceStreetConnector } from '../../src/ingest/connectors/police-street.connector';
import { runIngest } from '../../src/ingest/ingest-runner';
import { POLICE_SAMPLE, readSample } from '../helpers/fixtures';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// Real processes (the compiled `npm run ingest` command) against this test's store: one
// killed part-way, and two started at once on the same job. `npm test` builds them first.

const CLI = join(__dirname, '..', '..', 'dist', 'jobs', 'ingest-cli.js');
const CSV = readSample(POLICE_SAMPLE);

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

function startCli(url: string): { child: ChildProcess; exit: Promise<number | null>; output: () => string } {
  const env = {
    ...process.env,
    LOG_LEVEL: 'error',
    DATABASE_URL: t.store.settings.databaseUrl,
    SQLITE_PATH: t.store.settings.sqlitePath,
  };
  const child = spawn(process.execPath, [CLI, 'police-street', '--url', url], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, output: () => out };
}

async function waitFor(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const policeRows = () => t.hub.dataSource.manager.count(Observation, { where: { datasetId: 'police-street' } });

test('a run killed part-way leaves no partial data, and a re-run completes it', async () => {
  server = await startFixtureServer([{ slow: CSV, chunkSize: 1500, delayMs: 150 }]);
  const cli = startCli(`${server.url}/2022-02-hampshire-street.csv`);
  await waitFor(
    async () =>
      (await t.hub.dataSource.manager.count(IngestRun, { where: { status: RunStatus.RUNNING } })) === 1 &&
      server!.requests.length === 1,
  );
  await new Promise((r) => setTimeout(r, 600)); // part-way through the body
  cli.child.kill('SIGKILL');
  expect(await cli.exit).toBeNull();
  expect(await policeRows()).toBe(0);
  const [orphan] = await t.hub.dataSource.manager.find(IngestRun, { where: { status: RunStatus.RUNNING } });
  expect(orphan).toBeDefined();

  await server.close();
  server = await startFixtureServer([{ status: 200, body: CSV }]);
  const rerun = await runIngest(
    t.hub.dataSource,
    new PoliceStreetConnector(),
    {
      source: { url: `${server.url}/2022-02-hampshire-street.csv` },
      trigger: 'test',
      timeoutMs: 20_000,
      figuresChanged: t.hub.figuresChanged,
    },
    silentLogger,
  );
  expect(rerun.status).toBe('SUCCEEDED');
  expect(await policeRows()).toBeGreaterThan(0);
  const old = await t.hub.dataSource.manager.findOneByOrFail(IngestRun, { id: orphan!.id });
  expect(old.status).toBe('FAILED');
  expect(old.error).toMatch(/^interrupted: the process running it ended/);
  const gosport = await t.hub.dataSource.manager.findOneByOrFail(Observation, {
    measureCode: 'police.violence-and-sexual-offences',
    areaCode: 'E07000088',
    period: '2022-02',
  });
  expect(gosport.value).toBe(13);
});

test('two processes started on the same job at once: one runs it, the other skips', async () => {
  server = await startFixtureServer([{ slow: CSV, chunkSize: 3000, delayMs: 200 }]);
  const runsBefore = await t.hub.dataSource.manager.count(IngestRun);
  const url = `${server.url}/2022-02-hampshire-street.csv`;
  const a = startCli(url);
  const b = startCli(url);
  const codes = (await Promise.all([a.exit, b.exit])).sort();
  expect(codes).toEqual([0, 3]);
  const skipped = [a, b].find((c) => c.output().includes('skipped'))!;
  expect(skipped.output()).toContain('police-street: skipped: another process is running this job');
  expect(server.requests).toHaveLength(1);
  expect(await t.hub.dataSource.manager.count(IngestRun)).toBe(runsBefore + 1);
});
