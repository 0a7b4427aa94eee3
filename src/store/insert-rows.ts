import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { yieldToLoop } from './yield-to-loop';

// Multi-row INSERTs written here for bulk writes inside a transaction (an ingest's figures):
// TypeORM's insert builds a query with a named parameter per value and reads every value
// back out of entity objects, which cost about ten times the store's own work on a load of
// 100,000 figures. Column names come from TypeORM's metadata, and every value goes through
// TypeORM's own conversion for its column (driver.preparePersistentValue), so a row is stored
// exactly as manager.insert stores it: a boolean as 0/1 on SQLite and as a boolean on
// PostgreSQL, a Date as UTC text on SQLite and as a Date the pg driver sends on PostgreSQL.

/** SQLite's limit on bound parameters in one statement, the lower of the two stores' (PostgreSQL's is 65,535). */
export const MAX_PARAMETERS = 32_766;

type Convert = (v: unknown) => unknown;

// typeorm's index does not export the class itself.
type ColumnMetadata = EntityMetadata['columns'][number];

// Column types both drivers pass through untouched (see preparePersistentValue in TypeORM's
// AbstractSqliteDriver and PostgresDriver): their values need no call per value.
const PLAIN = new Set<unknown>([
  'varchar',
  'character varying',
  'text',
  'integer',
  'int',
  'double precision',
  Number,
  String,
]);

/** TypeORM's conversion of a value for its column, or null when the column takes values as they are. */
function converter(ds: DataSource, column: ColumnMetadata): Convert | null {
  if (!column.transformer && PLAIN.has(column.type)) return null;
  // A run stamps every row with the same Date: the last conversion is kept so that one is
  // formatted once, not once per row.
  let lastIn: unknown = Symbol('none');
  let lastOut: unknown;
  return (v) => {
    if (v !== lastIn) {
      lastIn = v;
      lastOut = ds.driver.preparePersistentValue(v, column);
    }
    return lastOut;
  };
}

/** `value` as `entity`'s column for `property` stores it (for raw UPDATEs and INSERT … SELECTs). */
export function toStore<T extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<T>,
  property: keyof T & string,
  value: unknown,
): unknown {
  return ds.driver.preparePersistentValue(value, columnOf(ds, entity, property));
}

function columnOf<T extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<T>,
  property: keyof T & string,
): ColumnMetadata {
  const meta = ds.getMetadata(entity);
  const column = meta.findColumnWithPropertyName(property);
  if (!column) throw new Error(`${meta.name} has no column for ${property}`);
  return column;
}

// Statement texts kept per store, table, columns, which of them vary and row count: a load
// repeats the same shape (a full batch, or a caller's chunk) and so the same text, which
// better-sqlite3's statement cache (by text) then finds at once. Up to TEXTS per store, so that
// the odd counts of last batches do not pile up.
const TEXTS = 32;
const texts = new WeakMap<DataSource, Map<string, string>>();

/** A column's values for the rows of an insert: one per row, or one every row shares. */
export type ColumnValues = readonly unknown[] | { readonly same: unknown };

const sharedBy = (column: ColumnValues): column is { readonly same: unknown } => !Array.isArray(column);

/** A column's value in row `r` (undefined is NULL: see insertRows). */
const valueAt = (column: ColumnValues, r: number): unknown => (sharedBy(column) ? column.same : column[r]) ?? null;

/**
 * Inserts `rows`, each the values of `properties` in that order, in as few statements as the
 * stores' parameter limits allow. Runs on the manager's query runner, so inside its
 * transaction. Ids the store generates are not read back. An undefined value is written as
 * NULL, never as the column's default (TypeORM would write DEFAULT on PostgreSQL): give them all.
 */
export async function insertRows<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  properties: ReadonlyArray<keyof T & string>,
  rows: ReadonlyArray<readonly unknown[]>,
  options: { yieldBetweenChunks?: boolean } = {},
): Promise<void> {
  if (!rows.length) return;
  const width = properties.length;
  const table = m.connection.getMetadata(entity).tableName;
  const columns = properties.map(() => new Array<unknown>(rows.length));
  rows.forEach((row, r) => {
    if (row.length !== width) throw new Error(`a row for ${table} has ${row.length} values, not ${width}`);
    for (let c = 0; c < width; c += 1) columns[c]![r] = row[c];
  });
  await insertColumns(m, entity, properties, columns, rows.length, options);
}

/**
 * insertRows for values given by column: `columns[c]` holds `properties[c]` for each of `count`
 * rows, or the one value they all share. A large load built by column makes a few arrays where
 * rows would make one per row: a national month's 531,000 figures of 20 values each.
 */
export async function insertColumns<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  properties: ReadonlyArray<keyof T & string>,
  columns: readonly ColumnValues[],
  count: number,
  options: { yieldBetweenChunks?: boolean } = {},
): Promise<void> {
  const ds = m.connection;
  const table = ds.getMetadata(entity).tableName;
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`${count} is not a count of rows for ${table}`);
  if (columns.length !== properties.length)
    throw new Error(`${columns.length} columns given for ${table}, not ${properties.length}`);
  for (const column of columns)
    if (!sharedBy(column) && column.length !== count)
      throw new Error(`a column for ${table} has ${column.length} values, not ${count}`);
  if (!count) return;
  const metas = properties.map((p) => columnOf(ds, entity, p));
  const load: Load = { m, table, metas, convert: metas.map((c) => converter(ds, c)), columns, count, options };
  if (ds.options.type === 'postgres') await insertUnnested(load);
  else await insertSelected(load);
}

/** One insertColumns call, checked, as each store's path takes it. */
interface Load {
  m: EntityManager;
  table: string;
  metas: ColumnMetadata[];
  convert: Array<Convert | null>;
  columns: readonly ColumnValues[];
  count: number;
  options: { yieldBetweenChunks?: boolean };
}

/** Row r's value of column c as the store takes it (TypeORM's conversion for its column). */
function storedValue(load: Load, r: number, c: number): unknown {
  const f = load.convert[c];
  const v = valueAt(load.columns[c]!, r);
  return f ? f(v) : v;
}

/** SQLite's statements for insertColumns: see insertSelectSql. */
async function insertSelected(load: Load): Promise<void> {
  const { m, table, metas, columns, count, options } = load;
  const ds = m.connection;
  const names = metas.map((c) => c.databaseName);
  const width = metas.length;
  for (let i = 0; i < count; i += SQLITE_WINDOW) {
    const n = Math.min(SQLITE_WINDOW, count - i);
    // Judged on the values as given: equal ones convert alike, so a column found constant is
    // constant as stored too, and only the values bound are converted.
    const varies = varyingColumns(columns, i, n);
    const varying = varies.filter(Boolean).length;
    const batch = Math.max(1, Math.min(n, Math.floor((MAX_PARAMETERS - width) / varying)));
    for (let b = i; b < i + n; b += batch) {
      const size = Math.min(batch, i + n - b);
      const params: unknown[] = [];
      for (let c = 0; c < width; c += 1) if (!varies[c]) params.push(storedValue(load, i, c));
      for (let r = b; r < b + size; r += 1)
        for (let c = 0; c < width; c += 1) if (varies[c]) params.push(storedValue(load, r, c));
      await m.query(insertSelectSql(ds, table, names, varies, size), params);
      // See WriteOptions in observation-writer.ts: only on a connection no request reads through.
      if (options.yieldBetweenChunks) await yieldToLoop();
    }
  }
}

/** Rows looked at together on SQLite to find the columns that hold one value on all of them. */
const SQLITE_WINDOW = 2_000;

/**
 * Which columns vary over rows [from, from + count): the others are sent once. One column at
 * least is sent per row, or the statement would insert one row, not one per row given.
 */
function varyingColumns(columns: readonly ColumnValues[], from: number, count: number): boolean[] {
  const varies = columns.map((column) => {
    if (sharedBy(column)) return false;
    const first = column[from] ?? null;
    for (let r = from + 1; r < from + count; r += 1) if ((column[r] ?? null) !== first) return true;
    return false;
  });
  if (!varies.includes(true)) varies[0] = true;
  return varies;
}

// On SQLite a column holding one value on every row of the statement (a run's dataset, stamp
// and source; a month's period; the measure) is bound once, and only the others per row:
// INSERT ... SELECT ?, v.column1, ... FROM (VALUES (?), (?), ...). A national month's figures
// bind 3 values a row instead of 22, and binding was most of what the statements cost beyond
// the store's own insert (architecture.md, 4.12).
function insertSelectSql(
  ds: DataSource,
  table: string,
  columns: readonly string[],
  varies: readonly boolean[],
  rows: number,
): string {
  let byShape = texts.get(ds);
  if (!byShape) texts.set(ds, (byShape = new Map()));
  const key = `${table}|${columns.join(',')}|${varies.map((v) => (v ? 1 : 0)).join('')}|${rows}`;
  let sql = byShape.get(key);
  if (sql === undefined) {
    // Plain placeholders are numbered in the order they appear: the constants in the SELECT
    // list first, then each row's varying values, as insertColumns gives them.
    const varying = varies.filter(Boolean).length;
    let j = 0;
    const selected = varies.map((v) => (v ? `v.column${(j += 1)}` : '?'));
    const tuple = `(${Array.from({ length: varying }, () => '?').join(', ')})`;
    const tuples = Array.from({ length: rows }, () => tuple);
    sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${selected.join(', ')} FROM (VALUES ${tuples.join(', ')}) AS v`;
    if (byShape.size < TEXTS) byShape.set(key, sql);
  }
  return sql;
}

/** Rows per statement on PostgreSQL, where a column's values travel as one array. */
const PG_ROWS = 20_000;

// On PostgreSQL each column is sent as one array and unnested, a statement per 20,000 rows: a
// multi-row VALUES statement of 500 rows and 10,000 parameters cost some 40 ms to plan and run,
// and a national month's 531,000 figures took 44 s that way (architecture.md, 4.11). A column
// holding one value on every row of the statement (a run's dataset, stamp and source; a month's
// period) is sent once, as a lone parameter: turning every element into text and back was most
// of what the hub itself spent. The pg driver writes an array element as it writes a lone
// parameter, so values are stored alike either way.
async function insertUnnested(load: Load): Promise<void> {
  const { m, table, metas, columns, count, options } = load;
  const ds = m.connection;
  const names = metas.map((c) => `"${c.databaseName}"`).join(', ');
  const types = metas.map((c) => arrayElementType(ds, c));
  for (let i = 0; i < count; i += PG_ROWS) {
    const n = Math.min(PG_ROWS, count - i);
    const varies = varyingColumns(columns, i, n);
    const values = columns.map((_, c) => {
      const list = new Array<unknown>(varies[c] ? n : 1);
      for (let r = 0; r < list.length; r += 1) list[r] = storedValue(load, i + r, c);
      return list;
    });
    const params: unknown[] = [];
    const arrays: string[] = [];
    const aliases: string[] = [];
    const selected = metas.map((_, c) => {
      params.push(varies[c] ? values[c] : values[c]![0]);
      const placeholder = `$${params.length}::${types[c]}`;
      if (!varies[c]) return placeholder;
      arrays.push(`${placeholder}[]`);
      aliases.push(`c${c}`);
      return `u.c${c}`;
    });
    await m.query(
      `INSERT INTO "${table}" (${names}) SELECT ${selected.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${aliases.join(', ')})`,
      params,
    );
    if (options.yieldBetweenChunks) await yieldToLoop();
  }
}

/** The PostgreSQL type of a column's values, as an array element (simple-array and -json are text). */
function arrayElementType(ds: DataSource, column: ColumnMetadata): string {
  if (column.type === 'simple-array' || column.type === 'simple-json') return 'text';
  const type = ds.driver.normalizeType(column);
  // Types whose cast from an array would be wrong, not refused: an enum names its own type, a
  // bare character casts to one character, and an array column would be flattened by unnest.
  // None is used by a caller today; one that is gets this error, not a wrong row.
  if (column.isArray || ['enum', 'simple-enum', 'character', 'char'].includes(type))
    throw new Error(
      `insertRows cannot send ${column.entityMetadata.tableName}.${column.databaseName} (${type}) as an array`,
    );
  return type;
}
