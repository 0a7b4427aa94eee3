import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/migrations';
import { RunErrorDetail1796358475170 } from '../../src/migrations/1796358475170-RunErrorDetail';
import { openMigrated } from '../helpers/migrated-store';
import { createTestStore, type TestStore } from '../helpers/test-store';

// A store upgraded from before issue 14 holds run errors that quote what the run read (a
// restricted figure of a partner's feed, a file's first line, a server path), served to anyone
// by ingestRuns. The RunErrorDetail migration takes them out of view and keeps them for the
// operators. Run on whichever store the suite runs.

let store: TestStore;
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(async () => {
  await store.drop();
});

const open = (migrations: Function[]): Promise<DataSource> => openMigrated(store, migrations);

// Errors as runs of that time recorded them (the wordings of the code before 52859aa).
const LEAKED = [
  'Unexpected token } in JSON at position 212: {"measure":"partner.domestic-abuse-referrals","value":17,}',
  'police-street: unexpected header "root:x:0:0:root:/root:/bin/bash" in /srv/hub/incoming/passwd',
];
const INTERRUPTED = 'interrupted: the process running it ended before it finished; nothing it read was written';
const EXPECTED_PUBLIC =
  'the run failed; it was recorded before run errors were kept to the hub’s own words, so what it said is kept for the hub’s operators only';

test("old run errors leave the public record and are kept for operators; the hub's own wording stays", async () => {
  const at = MIGRATIONS.indexOf(RunErrorDetail1796358475170);
  expect(at).toBeGreaterThan(0);
  const before = await open(MIGRATIONS.slice(0, at));
  const pg = before.options.type === 'postgres';
  const p = (i: number): string => (pg ? `$${i}` : '?');
  const now = pg ? new Date('2025-01-01T00:00:00Z') : '2025-01-01 00:00:00.000';
  await before.query(
    `INSERT INTO dataset (id, name, publisher, description) VALUES ('partner-feed', 'Partner feed', 'p', 'd')`,
  );
  const runs: Array<[number, string, string | null]> = [
    [1, 'FAILED', LEAKED[0]!],
    [2, 'FAILED', LEAKED[1]!],
    [3, 'FAILED', INTERRUPTED],
    [4, 'SUCCEEDED', null],
  ];
  for (const [id, status, error] of runs)
    await before.query(
      `INSERT INTO ingest_run (id, dataset_id, status, trigger, started_at, rows_read, rows_written, rows_rejected, error)
       VALUES (${p(1)}, 'partner-feed', ${p(2)}, 'schedule', ${p(3)}, 1, 0, 0, ${p(4)})`,
      [id, status, now, error],
    );
  await before.destroy();

  const after = await open(MIGRATIONS);
  try {
    expect(await after.query('SELECT id, error, error_detail FROM ingest_run ORDER BY id')).toEqual([
      { id: 1, error: EXPECTED_PUBLIC, error_detail: LEAKED[0] },
      { id: 2, error: EXPECTED_PUBLIC, error_detail: LEAKED[1] },
      { id: 3, error: INTERRUPTED, error_detail: null },
      { id: 4, error: null, error_detail: null },
    ]);
  } finally {
    await after.destroy();
  }
});
