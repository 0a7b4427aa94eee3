import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { POLICE_SAMPLE, readSample } from '../helpers/fixtures';
import { startTestHub, type TestHub } from '../helpers/test-hub';

// A whole month replaces what the source delivered before only when it is plausibly whole. From
// the outside, as the issue found it: the police.uk month loaded with the ingest CLI, then a
// copy of the same file cut short. The cut copy is refused (exit 1), naming the figures, and
// every figure stays exactly as it was; forced, it loads, and the run says it was forced.

const CLI = join(__dirname, '..', '..', 'dist', 'jobs', 'ingest-cli.js');
const run = promisify(execFile);
const HAMPSHIRE = 'E23000030';

let t: TestHub;
let dir: string;
beforeAll(async () => {
  t = await startTestHub();
  dir = mkdtempSync(join(tmpdir(), 'hub-whole-'));
});
afterAll(async () => {
  await t.stop();
});

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [CLI, 'police-street', ...args], {
      env: {
        ...process.env,
        LOG_LEVEL: 'error',
        DATABASE_URL: t.store.settings.databaseUrl,
        SQLITE_PATH: t.store.settings.sqlitePath,
      },
    });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

const figures = (): Promise<unknown[]> =>
  t.hub.dataSource.query(
    'SELECT "measure_code", "area_code", "period", "value", "ingest_run_id" FROM "observation" ORDER BY "measure_code", "area_code", "period"',
  );
const revisions = (): Promise<unknown[]> => t.hub.dataSource.query('SELECT * FROM "observation_revision" ORDER BY 1');

async function hampshireFeb(): Promise<number> {
  const [row] = (await t.hub.dataSource.query(
    `SELECT "value" FROM "observation" WHERE "measure_code" = 'police.all-crime' AND "area_code" = '${HAMPSHIRE}' AND "period" = '2022-02'`,
  )) as Array<{ value: number }>;
  return Number(row!.value);
}

test('a month cut short is refused, naming the figures, and nothing changes; forced, it loads and says so', async () => {
  const lines = readSample(POLICE_SAMPLE).trimEnd().split('\n');
  const file = join(dir, '2022-02-hampshire-street.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  expect((await cli('--file', file)).code).toBe(0);
  // The excerpt's 200 rows all fall within Hampshire Constabulary.
  expect(await hampshireFeb()).toBe(200);
  const before = { figures: await figures(), revisions: await revisions() };

  // The same month cut after its first 50 rows.
  writeFileSync(file, `${lines.slice(0, 51).join('\n')}\n`);
  const refused = await cli('--file', file);
  expect(refused.code).toBe(1);
  expect(refused.out).toContain('FAILED');
  expect({ figures: await figures(), revisions: await revisions() }).toEqual(before);

  const res = await t.gql<{
    ingestRuns: { edges: Array<{ node: { status: string; error: string; forced: boolean } }> };
  }>('{ ingestRuns(first: 1) { edges { node { status error forced } } } }');
  const failed = res.body.data!.ingestRuns.edges[0]!.node;
  expect(failed).toMatchObject({ status: 'FAILED', forced: false });
  expect(failed.error).toMatch(/^suspect delivery, nothing written: /);
  // 200 crimes before, 50 now: a 75% fall of the force's month.
  expect(failed.error).toContain(`${HAMPSHIRE} police.all-crime 2022-02 200 to 50`);

  const forced = await cli('--file', file, '--force');
  expect(forced.code).toBe(0);
  expect(await hampshireFeb()).toBe(50);
  const after = await t.gql<{ ingestRuns: { edges: Array<{ node: { status: string; forced: boolean } }> } }>(
    '{ ingestRuns(first: 1) { edges { node { status forced } } } }',
  );
  expect(after.body.data!.ingestRuns.edges[0]!.node).toEqual({ status: 'SUCCEEDED', forced: true });
});

test('the full month again, a little revised, loads without forcing', async () => {
  // Back from the forced cut to the whole month: 50 to 200 is a move too, so it needs forcing;
  // then a revision of a few rows (200 to 198, 1%) is within the share and loads as it is.
  const lines = readSample(POLICE_SAMPLE).trimEnd().split('\n');
  const file = join(dir, '2022-02-hampshire-street.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  expect((await cli('--file', file)).code).toBe(1);
  expect((await cli('--file', file, '--force')).code).toBe(0);
  writeFileSync(file, `${lines.slice(0, 199).join('\n')}\n`);
  expect((await cli('--file', file)).code).toBe(0);
  expect(await hampshireFeb()).toBe(198);
});
