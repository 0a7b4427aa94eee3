import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { loadSettings } from '../../src/config/settings';
import { RunStatus } from '../../src/domain/enums';
import { Dataset, IngestRun, RejectedRow } from '../../src/entities';
import { silentLogger } from '../../src/logging/logger';
import { openStore } from '../../src/store/data-source';
import { insertRows } from '../../src/store/insert-rows';
import { createTestStore, type TestStore } from '../helpers/test-store';

// insertRows on whichever store the suite runs. On PostgreSQL a column holding one value on
// every row is sent once rather than as an array (insert-rows.ts): rows alike in every column
// must still each be a row, and a column that differs only in its last row must keep it.

let store: TestStore;
let ds: DataSource;
let runId: number;

beforeAll(async () => {
  store = await createTestStore();
  ds = await openStore(loadSettings({}, store.settings), silentLogger);
  await ds.manager.insert(Dataset, {
    id: 'test-rows',
    name: 'Test rows',
    publisher: 'Test',
    description: 'Rows for insertRows',
  });
  const run = await ds.manager.save(
    IngestRun,
    ds.manager.create(IngestRun, {
      datasetId: 'test-rows',
      status: RunStatus.FAILED,
      trigger: 'test',
      source: 'feed.csv',
      startedAt: new Date(),
      finishedAt: new Date(),
      rowsRead: 0,
      rowsWritten: 0,
      rowsRejected: 0,
      error: null,
    }),
  );
  runId = run.id;
});
afterAll(async () => {
  await ds.destroy();
  await store.drop();
});

const rejected = async (): Promise<Array<[number, string, string]>> =>
  (await ds.manager.find(RejectedRow, { where: { runId }, order: { id: 'ASC' } })).map((r) => [
    r.line,
    r.reason,
    r.raw,
  ]);

test('three rows alike in every column are three rows', async () => {
  await ds.transaction((m) =>
    insertRows(
      m,
      RejectedRow,
      ['runId', 'line', 'reason', 'raw'],
      [
        [runId, 7, 'same', 'x'],
        [runId, 7, 'same', 'x'],
        [runId, 7, 'same', 'x'],
      ],
    ),
  );
  expect(await rejected()).toEqual([
    [7, 'same', 'x'],
    [7, 'same', 'x'],
    [7, 'same', 'x'],
  ]);
});

test('a column that differs only in its last row keeps each value, nulls and quotes included', async () => {
  await ds.manager.delete(RejectedRow, { runId });
  await ds.transaction((m) =>
    insertRows(
      m,
      RejectedRow,
      ['runId', 'line', 'reason', 'raw'],
      [
        [runId, 1, 'a "quoted", reason', 'one'],
        [runId, 1, 'a "quoted", reason', 'two'],
        [runId, 2, 'a "quoted", reason', '{three}'],
      ],
    ),
  );
  expect(await rejected()).toEqual([
    [1, 'a "quoted", reason', 'one'],
    [1, 'a "quoted", reason', 'two'],
    [2, 'a "quoted", reason', '{three}'],
  ]);
});
