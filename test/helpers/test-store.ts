import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

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
    const name = `hub_test_${process.pid}_${Date.now()}_${counter++}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      kind: 'postgres',
      settings: { databaseUrl: url.toString(), sqlitePath: '' },
      drop: async () => {
        const c = new Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'hub-test-'));
  return {
    kind: 'sqlite',
    settings: { databaseUrl: '', sqlitePath: join(dir, 'hub.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
