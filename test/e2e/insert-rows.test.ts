import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { loadSettings } from '../../src/config/settings';
import { AreaType, RunStatus } from '../../src/domain/enums';
import { Area, Dataset, RejectedRow } from '../../src/entities';
import { silentLogger } from '../../src/logging/logger';
import { openStore } from '../../src/store/data-source';
import { insertColumns, insertRows } from '../../src/store/insert-rows';
import { saveTestRun } from '../helpers/test-run';
import { createTestStore, type TestStore } from '../helpers/test-store';

// insertRows on whichever store the suite runs. On both stores a column holding one value on
// every row of a statement is sent once (insert-rows.ts), not per row: rows alike in every
// column must still each be a row, and a column that differs only in its last row must keep it.

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
  runId = await saveTestRun(ds, 'test-rows', RunStatus.FAILED);
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

test('a column that differs only in its last row keeps each value, quotes and commas included', async () => {
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

test('a load longer than one look for constant columns keeps every row in order, and a value that differs only in a later part', async () => {
  // SQLite looks for constant columns 2,000 rows at a time, PostgreSQL 20,000: 4,500 rows span
  // three of SQLite's, and the one different reason lies in the second.
  await ds.manager.delete(RejectedRow, { runId });
  const rows = Array.from({ length: 4_500 }, (_, i) => [
    runId,
    i + 1,
    i === 2_999 ? 'the odd one' : 'same',
    `r${i + 1}`,
  ]);
  await ds.transaction((m) => insertRows(m, RejectedRow, ['runId', 'line', 'reason', 'raw'], rows));
  const back = await rejected();
  expect(back).toHaveLength(4_500);
  expect(back.filter(([, reason]) => reason !== 'same')).toEqual([[3_000, 'the odd one', 'r3000']]);
  expect(back.every(([line, , raw], i) => line === i + 1 && raw === `r${i + 1}`)).toBe(true);
});

test('by column: a shared value is on every row, each other column keeps its own, and a short column is refused', async () => {
  await ds.manager.delete(RejectedRow, { runId });
  const properties = ['runId', 'line', 'reason', 'raw'] as const;
  await ds.transaction((m) =>
    insertColumns(
      m,
      RejectedRow,
      [...properties],
      [{ same: runId }, [4, 5, 6], { same: 'shared' }, ['a', 'b', 'c']],
      3,
    ),
  );
  expect(await rejected()).toEqual([
    [4, 'shared', 'a'],
    [5, 'shared', 'b'],
    [6, 'shared', 'c'],
  ]);
  // Every column shared: still one row per count, not one row.
  await ds.transaction((m) =>
    insertColumns(m, RejectedRow, [...properties], [{ same: runId }, { same: 9 }, { same: 'all' }, { same: 'z' }], 2),
  );
  expect((await rejected()).filter(([line]) => line === 9)).toEqual([
    [9, 'all', 'z'],
    [9, 'all', 'z'],
  ]);
  await expect(
    ds.transaction((m) =>
      insertColumns(m, RejectedRow, [...properties], [{ same: runId }, [7, 8], { same: 'x' }, ['p', 'q', 'r']], 3),
    ),
  ).rejects.toThrow('a column for rejected_row has 2 values, not 3');
  expect(await rejected()).toHaveLength(5);
});

test('by column: undefined, shared or in a row, is stored as NULL; a count that does not fit the columns is refused', async () => {
  const codes = ['Z99000001', 'Z99000002', 'Z99000003'];
  const properties: Array<keyof Area & string> = ['code', 'name', 'type', 'note', 'vintage'];
  await ds.transaction((m) =>
    insertColumns(
      m,
      Area,
      properties,
      [codes, { same: 'Test area' }, { same: AreaType.DISTRICT }, { same: undefined }, [2019, undefined, null]],
      3,
    ),
  );
  const back = await ds.manager.find(Area, { where: codes.map((code) => ({ code })), order: { code: 'ASC' } });
  expect(back.map((a) => [a.code, a.name, a.type, a.note, a.vintage])).toEqual([
    ['Z99000001', 'Test area', AreaType.DISTRICT, null, 2019],
    ['Z99000002', 'Test area', AreaType.DISTRICT, null, null],
    ['Z99000003', 'Test area', AreaType.DISTRICT, null, null],
  ]);
  const refused = (columns: Parameters<typeof insertColumns>[3], count: number) =>
    ds.transaction((m) => insertColumns(m, Area, properties, columns, count));
  const others = [{ same: 'x' }, { same: AreaType.DISTRICT }, { same: null }, { same: null }];
  // A column longer than the count, a count of 0 with a column that has values, a count that is no count.
  await expect(refused([['Z99000004', 'Z99000005'], ...others], 1)).rejects.toThrow('has 2 values, not 1');
  await expect(refused([['Z99000004'], ...others], 0)).rejects.toThrow('has 1 values, not 0');
  await expect(refused([{ same: 'Z99000004' }, ...others], 2.5)).rejects.toThrow('2.5 is not a count of rows');
  expect(await ds.manager.count(Area, { where: { name: 'x' } })).toBe(0);
});
