import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { placeholders } from './sql';

// Entities from raw rows, for hot paths that read with one joined statement: each column of
// the row (named with a prefix, e.g. "m_code") goes to its property, with the conversions the
// drivers need (SQLite has no boolean; dates come back as text). The column list comes from
// TypeORM's metadata, so a new column needs no change here.

type Convert = (v: unknown) => unknown;

interface Plan {
  property: string;
  column: string;
  convert: Convert;
}

const asBool: Convert = (v) => (v === null || v === undefined ? v : v === true || v === 1 || v === '1' || v === 't');
const asDate: Convert = (v) => (v === null || v === undefined || v instanceof Date ? v : new Date(String(v)));
const asIs: Convert = (v) => v;
// TypeORM's simple-array: comma-joined text, the empty string being the empty list.
const asList: Convert = (v) => (typeof v === 'string' ? (v === '' ? [] : v.split(',')) : v);
// TypeORM's simple-json: JSON text.
const asJson: Convert = (v) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

function converter(type: unknown): Convert {
  if (type === 'boolean') return asBool;
  if (type === Date || type === 'datetime' || type === 'timestamp') return asDate;
  if (type === 'simple-array') return asList;
  if (type === 'simple-json') return asJson;
  return asIs;
}

const plans = new WeakMap<DataSource, Map<unknown, Plan[]>>();

function planFor(ds: DataSource, entity: EntityTarget<ObjectLiteral>): Plan[] {
  let byEntity = plans.get(ds);
  if (!byEntity) plans.set(ds, (byEntity = new Map()));
  let plan = byEntity.get(entity);
  if (!plan) {
    plan = ds.getMetadata(entity).columns.map((c) => {
      const convert = converter(c.type);
      // A column's own transformer (one, not a chain) reads the value as TypeORM would.
      const from = c.transformer && !Array.isArray(c.transformer) ? c.transformer : null;
      return {
        property: c.propertyName,
        column: c.databaseName,
        convert: from ? (v: unknown) => from.from(convert(v)) as unknown : convert,
      };
    });
    // The primary key first: its being null marks an outer join's miss.
    const key = ds.getMetadata(entity).primaryColumns[0]?.databaseName;
    plan.sort((a, b) => Number(b.column === key) - Number(a.column === key));
    byEntity.set(entity, plan);
  }
  return plan;
}

/** The row keys of an entity's columns read with selectList(alias), worked out once. */
function rowKeys(ds: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string): string[] {
  return memo(`keys|${alias}`, ds, entity, () => planFor(ds, entity).map((p) => `${alias}_${p.column}`));
}

const MEMO_KEYS = 64;

// Texts and key lists built once per store, entity and shape: the same SQL string each time is
// also what the drivers' prepared-statement caches look up, by a hash the string then keeps.
const memos = new WeakMap<DataSource, Map<unknown, Map<string, unknown>>>();

function memo<V>(key: string, ds: DataSource, entity: EntityTarget<ObjectLiteral>, make: () => V): V {
  let byEntity = memos.get(ds);
  if (!byEntity) memos.set(ds, (byEntity = new Map()));
  let byKey = byEntity.get(entity);
  if (!byKey) byEntity.set(entity, (byKey = new Map()));
  let value = byKey.get(key) as V | undefined;
  if (value === undefined) byKey.set(key, (value = make()));
  return value;
}

/** The SELECT list for an entity's columns from table alias `alias`, each named `${alias}_${column}`. */
export function selectList(ds: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  return memo(`select|${alias}`, ds, entity, () =>
    planFor(ds, entity)
      .map((p) => `${alias}.${p.column} AS ${alias}_${p.column}`)
      .join(', '),
  );
}

/** The entity in a row read with selectList(alias), or null when its key column is null (an outer join's miss). */
export function hydrate<T extends ObjectLiteral>(
  ds: DataSource,
  entity: new () => T,
  alias: string,
  row: Record<string, unknown>,
): T | null {
  const plan = planFor(ds, entity);
  const keys = rowKeys(ds, entity, alias);
  const id = row[keys[0]!];
  if (id === null || id === undefined) return null;
  const out = new entity() as Record<string, unknown>;
  for (let i = 0; i < plan.length; i += 1) out[plan[i]!.property] = plan[i]!.convert(row[keys[i]!]);
  return out as T;
}

/** A condition a raw read takes besides its key list: the column is null. */
export interface RawCondition {
  column: string;
  isNull: true;
}

/**
 * Rows of an entity whose `keyProperty` is one of `keys`, as entities, in one statement written
 * here (TypeORM's query building costs as much as the read itself on these small lookups).
 */
export async function findIn<T extends ObjectLiteral>(
  ds: DataSource,
  entity: new () => T,
  keyProperty: string,
  keys: readonly unknown[],
  order: ReadonlyArray<[string, 'ASC' | 'DESC']> = [],
  conditions: readonly RawCondition[] = [],
): Promise<T[]> {
  if (!keys.length) return [];
  const build = (): string => {
    const meta = ds.getMetadata(entity);
    const column = (property: string): string => {
      const c = meta.findColumnWithPropertyName(property);
      if (!c) throw new Error(`${meta.name} has no column for ${property}`);
      return c.databaseName;
    };
    const nulls = conditions.map((c) => ` AND x.${column(c.column)} IS NULL`).join('');
    const orderBy = order.length ? `ORDER BY ${order.map(([p, dir]) => `x.${column(p)} ${dir}`).join(', ')}` : '';
    return selectSql(ds, entity, `x.${column(keyProperty)} IN (${placeholders(ds, keys.length)})${nulls}`, orderBy);
  };
  // Kept for the short key lists of dashboard requests only: one text per list length would
  // otherwise be kept for every batch size a process ever saw.
  const shape = `in|${keyProperty}|${keys.length}|${order.map(([p, dir]) => `${p} ${dir}`).join(',')}|${conditions.map((c) => c.column).join(',')}`;
  const sql = keys.length <= MEMO_KEYS ? memo(shape, ds, entity, build) : build();
  return readEntities(ds, entity, sql, [...keys]);
}

function selectSql(ds: DataSource, entity: EntityTarget<ObjectLiteral>, where: string, tail: string): string {
  return `SELECT ${selectList(ds, entity, 'x')} FROM "${ds.getMetadata(entity).tableName}" x${where ? ` WHERE ${where}` : ''}${tail ? ` ${tail}` : ''}`;
}

async function readEntities<T extends ObjectLiteral>(
  ds: DataSource,
  entity: new () => T,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const rows = (await ds.query(sql, params)) as Array<Record<string, unknown>>;
  return rows.map((r) => hydrate(ds, entity, 'x', r) as T);
}

/** The row whose `keyProperty` (a primary or unique key) is `key`, or null: findIn with one key. */
export async function findByKey<T extends ObjectLiteral>(
  ds: DataSource,
  entity: new () => T,
  keyProperty: string,
  key: unknown,
): Promise<T | null> {
  const [found] = await findIn(ds, entity, keyProperty, [key]);
  return found ?? null;
}

/** Rows of an entity matching a condition written in SQL over alias `x` (its own parameters), as entities. */
export function findWhere<T extends ObjectLiteral>(
  ds: DataSource,
  entity: new () => T,
  where: string,
  params: unknown[],
  tail = '',
): Promise<T[]> {
  return readEntities(ds, entity, selectSql(ds, entity, where, tail), params);
}
