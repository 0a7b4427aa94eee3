import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from '../../src/store/scratch-database';

// A fresh, empty store per test hub: a new SQLite file in a temp folder, or, when DATABASE_URL
// is set (the PostgreSQL leg), a new database on that server. An unreachable server fails
// the test: the PostgreSQL leg never skips.

export interface TestStore {
  kind: 'sqlite' | 'postgres';
  settings: { databaseUrl: string; sqlitePath: string };
  drop(): Promise<void>;
}

let counter = 0;

export async function createTestStore(): Promise<TestStore> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const db = await createScratchDatabase(adminUrl, `hub_test_${process.pid}_${Date.now()}_${counter++}`);
    return { kind: 'postgres', settings: { databaseUrl: db.url, sqlitePath: '' }, drop: db.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'hub-test-'));
  return {
    kind: 'sqlite',
    settings: { databaseUrl: '', sqlitePath: join(dir, 'hub.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
