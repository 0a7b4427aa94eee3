import { spawn, type ChildProcess } from 'node:child_process';

// Another process holding a write transaction on a SQLite store file, as a long ingest run from
// the command line does: it takes the store's write lock (BEGIN IMMEDIATE) and keeps it until
// released. WAL lets everyone else read meanwhile; no one else can write.

export interface HeldStore {
  /** Rolls the transaction back (nothing was written) and waits for the process to end. */
  release(): Promise<void>;
}

const HOLDER = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2], { timeout: 0 });
db.exec('BEGIN IMMEDIATE');
process.stdout.write('held\\n');
process.stdin.once('data', () => {
  db.exec('ROLLBACK');
  db.close();
  process.exit(0);
});
`;

function ended(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Holds the store's write lock from a child process until `release` (or the test process ends). */
export async function holdStore(file: string): Promise<HeldStore> {
  const child = spawn(process.execPath, ['-e', HOLDER, require.resolve('better-sqlite3'), file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the holding process ended first (exit ${code})`)));
    child.stdout!.once('data', () => resolve());
  });
  return {
    release: async () => {
      child.stdin!.write('release\n');
      await ended(child);
    },
  };
}
