import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey } from '../../src/auth/api-keys';
import { loadSettings } from '../../src/config/settings';
import { startHub } from '../../src/hub';
import { silentLogger } from '../../src/logging/logger';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { ingestCli } from '../helpers/ingest-cli';

// A process killed right after its ingest committed must not leave a scorecard showing stale
// figures. The writer drops the stored summaries of the measures it changed, and marks them as
// pending, in the transaction that writes the figures; the next process to start finds the mark
// and does the aftermath. Here a real process runs the partner feed and is killed (SIGKILL) at
// the moment its aftermath starts: after the commit, before alerts and summaries.

const DIST = join(__dirname, '..', '..', 'dist', 'src');
const MEASURE = 'partner.people-in-drug-and-alcohol-treatment';
const AREA = 'E06000044';

let t: TestHub;
let dir: string;
let key: string;
beforeAll(async () => {
  t = await startTestHub();
  key = (await createKey(t.hub.dataSource, 'portsmouth-city-council', 'test', 'hub')).key;
  dir = mkdtempSync(join(tmpdir(), 'hub-aftermath-'));
});
afterAll(async () => {
  await t.stop();
});

function feedFile(name: string, quarters: Array<[string, number]>): string {
  const file = join(dir, name);
  const rows = quarters.map(([q, v]) => `${MEASURE},${AREA},${q},${v},,,`);
  writeFileSync(file, `measure,area,period,value,numerator,denominator,note\n${rows.join('\n')}\n`);
  return file;
}

/** Runs the partner feed on `file` in a new process that kills itself when its aftermath begins. */
function ingestAndDie(file: string): { signal: NodeJS.Signals | null; status: number | null; stderr: string } {
  const script = `
    require('reflect-metadata');
    const { loadSettings } = require(${JSON.stringify(join(DIST, 'config', 'settings'))});
    const { openStore } = require(${JSON.stringify(join(DIST, 'store', 'data-source'))});
    const { FiguresChanged } = require(${JSON.stringify(join(DIST, 'ingest', 'figures-changed'))});
    const { runIngest } = require(${JSON.stringify(join(DIST, 'ingest', 'ingest-runner'))});
    const { createConnector } = require(${JSON.stringify(join(DIST, 'ingest', 'connectors'))});
    const { silentLogger } = require(${JSON.stringify(join(DIST, 'logging', 'logger'))});
    class Dying extends FiguresChanged {
      async figures() { process.kill(process.pid, 'SIGKILL'); await new Promise(() => {}); }
    }
    (async () => {
      const settings = loadSettings();
      const ds = await openStore(settings, silentLogger);
      await runIngest(ds, createConnector('partner-feed'), {
        source: { file: ${JSON.stringify(file)} }, trigger: 'test', timeoutMs: 30000,
        figuresChanged: new Dying(ds, settings.smallCountThreshold, silentLogger),
      }, silentLogger);
      process.exit(3);
    })().catch((e) => { console.error(e); process.exit(2); });
  `;
  const child = spawnSync(process.execPath, ['-e', script], {
    env: {
      ...process.env,
      LOG_LEVEL: 'error',
      DATABASE_URL: t.store.settings.databaseUrl,
      SQLITE_PATH: t.store.settings.sqlitePath,
    },
    encoding: 'utf8',
  });
  return { signal: child.signal, status: child.status, stderr: child.stderr };
}

async function scorecardLatest(): Promise<{ period: string; value: number } | null> {
  // The measure is RESTRICTED: read as a member (the council that owns it).
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      query: `{ partnership(slug: "safer-portsmouth") { scorecard { priorities { measures { measure { code } latest { period value } } } } } }`,
    }),
  });
  const body = (await res.json()) as {
    errors?: unknown;
    data: {
      partnership: {
        scorecard: {
          priorities: Array<{
            measures: Array<{ measure: { code: string }; latest: { period: string; value: number } | null }>;
          }>;
        };
      };
    };
  };
  expect(body.errors).toBeUndefined();
  const found = body.data.partnership.scorecard.priorities
    .flatMap((p) => p.measures)
    .find((m) => m.measure.code === MEASURE);
  return found?.latest ?? null;
}

const stored = async (): Promise<Array<{ latest: string | null }>> =>
  (await t.hub.dataSource.query(
    `SELECT "latest" FROM "measure_summary" WHERE "measure_code" = '${MEASURE}' AND "partnership_slug" = 'safer-portsmouth'`,
  )) as Array<{ latest: string | null }>;
const marks = async (): Promise<unknown[]> =>
  (await t.hub.dataSource.query(`SELECT "measure_code" FROM "pending_aftermath"`)) as unknown[];

test('killed after its commit, an ingest leaves no stale scorecard, and the next start finishes its aftermath', async () => {
  const quarters: Array<[string, number]> = [
    ['2023-Q1', 30],
    ['2023-Q2', 31],
    ['2023-Q3', 32],
    ['2023-Q4', 33],
  ];
  // A normal run first: its aftermath stores the summary, latest 2023-Q4.
  const first = await ingestCli(t.store, 'partner-feed', '--file', feedFile('a.csv', quarters));
  expect(first.code).toBe(0);
  expect(await scorecardLatest()).toEqual({ period: '2023-Q4', value: 33 });
  expect((await stored()).map((r) => JSON.parse(r.latest!) as { period: string })).toMatchObject([
    { period: '2023-Q4' },
  ]);
  expect(await marks()).toEqual([]);

  // The next quarter, by a process killed the moment its aftermath begins.
  const died = ingestAndDie(feedFile('b.csv', [...quarters, ['2024-Q1', 40]]));
  expect(died.signal).toBe('SIGKILL');
  // The figure is committed; the summary that would now be stale was dropped with it, so the
  // scorecard works the measure out live and shows the new quarter.
  expect(await scorecardLatest()).toEqual({ period: '2024-Q1', value: 40 });
  expect(await stored()).toEqual([]);
  expect(await marks()).toEqual([{ measure_code: MEASURE }]);

  // The next process to start (a hub on the same store) finishes the aftermath.
  const settings = loadSettings(
    {},
    { ...t.store.settings, port: 0, host: '127.0.0.1', ingestOnStart: false, scheduler: false, logLevel: 'error' },
  );
  const next = await startHub(settings, silentLogger);
  await next.stop();
  expect(await marks()).toEqual([]);
  expect((await stored()).map((r) => JSON.parse(r.latest!) as { period: string; value: number })).toMatchObject([
    { period: '2024-Q1', value: 40 },
  ]);
  expect(await scorecardLatest()).toEqual({ period: '2024-Q1', value: 40 });
});
