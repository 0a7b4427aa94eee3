import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestStore } from './test-store';

/** The built ingest command, run as a user runs it (`npm run ingest` runs this file). */
export const INGEST_CLI = join(__dirname, '..', '..', 'dist', 'jobs', 'ingest-cli.js');

const run = promisify(execFile);

/** Runs the ingest command for `dataset` against a test store; its exit code and standard output. */
export async function ingestCli(
  store: TestStore,
  dataset: string,
  ...args: string[]
): Promise<{ code: number; out: string }> {
  return ingestCliWith(store, {}, dataset, ...args);
}

/** The same, with more settings for the command (e.g. STORE_BUSY_WAIT_MS). */
export async function ingestCliWith(
  store: TestStore,
  env: Record<string, string>,
  dataset: string,
  ...args: string[]
): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [INGEST_CLI, dataset, ...args], {
      env: {
        ...process.env,
        LOG_LEVEL: 'error',
        DATABASE_URL: store.settings.databaseUrl,
        SQLITE_PATH: store.settings.sqlitePath,
        ...env,
      },
    });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}
