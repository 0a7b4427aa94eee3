import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/migrations';
import { FigureSources1796336112730 } from '../../src/migrations/1796336112730-FigureSources';
import { openMigrated } from '../helpers/migrated-store';
import { createTestStore, type TestStore } from '../helpers/test-store';

// A store that already holds figures gains their sources with the FigureSources migration: a
// connector's figure (and its revisions) the dataset it came from, a partner's submission
// `submission:<organisation>`, read from its run's trigger. Run on whichever store the suite runs.

let store: TestStore;
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(async () => {
  await store.drop();
});

const open = (migrations: Function[]): Promise<DataSource> => openMigrated(store, migrations);

test('existing figures and revisions take their dataset, or the submitting organisation, as their source', async () => {
  const at = MIGRATIONS.indexOf(FigureSources1796336112730);
  // Later migrations (Geography: area.vintage, geography_version) run with it below; they touch
  // none of the tables this test fills.
  expect(at).toBeGreaterThan(0);
  const before = await open(MIGRATIONS.slice(0, at));
  const p = (i: number): string => (before.options.type === 'postgres' ? `$${i}` : '?');
  // As each store keeps them: SQLite takes no booleans or dates as parameters.
  const pg = before.options.type === 'postgres';
  const now = pg ? new Date('2025-01-01T00:00:00Z') : '2025-01-01 00:00:00.000';
  const no = pg ? false : 0;
  await before.query(`INSERT INTO area (code, name, type) VALUES ('E06000044', 'Portsmouth', 'DISTRICT')`);
  await before.query(
    `INSERT INTO dataset (id, name, publisher, description) VALUES ('partner-feed', 'Partner feed', 'p', 'd')`,
  );
  await before.query(`INSERT INTO measure (code, name, definition, unit, polarity, frequency, source, dataset_id)
    VALUES ('partner.x', 'X', 'd', 'COUNT', 'NO_JUDGEMENT', 'QUARTER', 'PARTNER', 'partner-feed')`);
  const runs: Array<[number, string]> = [
    [1, 'schedule'],
    [2, 'submission by portsmouth-city-council (key abcd1234)'],
  ];
  for (const [id, trigger] of runs)
    await before.query(
      `INSERT INTO ingest_run (id, dataset_id, status, trigger, started_at, rows_read, rows_written, rows_rejected)
       VALUES (${p(1)}, 'partner-feed', 'SUCCEEDED', ${p(2)}, ${p(3)}, 1, 1, 0)`,
      [id, trigger, now],
    );
  for (const [id, run, period] of [
    [1, 1, '2024-Q1'],
    [2, 2, '2024-Q2'],
  ] as const)
    await before.query(
      `INSERT INTO observation (id, measure_code, area_code, period, frequency, period_start, period_end, value,
         suppressed, dataset_id, ingest_run_id, retrieved_at, updated_at)
       VALUES (${p(1)}, 'partner.x', 'E06000044', ${p(2)}, 'QUARTER', '2024-01-01', '2024-03-31', 5, ${p(3)},
         'partner-feed', ${p(4)}, ${p(5)}, ${p(6)})`,
      [id, period, no, run, now, now],
    );
  await before.query(
    `INSERT INTO observation_revision (observation_id, value, suppressed, dataset_id, ingest_run_id, retrieved_at, superseded_at)
     VALUES (2, 4, ${p(1)}, 'partner-feed', 2, ${p(2)}, ${p(3)})`,
    [no, now, now],
  );
  await before.destroy();

  const after = await open(MIGRATIONS);
  try {
    expect(await after.query('SELECT id, source_key FROM observation ORDER BY id')).toEqual([
      { id: 1, source_key: 'partner-feed' },
      { id: 2, source_key: 'submission:portsmouth-city-council' },
    ]);
    expect(await after.query('SELECT source_key, reason FROM observation_revision')).toEqual([
      { source_key: 'submission:portsmouth-city-council', reason: 'REVISED' },
    ]);
  } finally {
    await after.destroy();
  }
});
