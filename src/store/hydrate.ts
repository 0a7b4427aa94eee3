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

function converter(type: unknown): Convert {
  if (type === 'boolean') return asBool;
  if (type === Date || type === 'datetime' || type === 'timestamp') return asDate;
  if (type === 'simple-array') return asList;
  return asIs;
}

const plans = new WeakMap<DataSource, Map<unknown, Plan[]>>();

function planFor(ds: DataSource, entity: EntityTarget<ObjectLiteral>): Plan[] {
  let byEntity = plans.get(ds);
  if (!byEntity) plans.set(ds, (byEntity = new Map()));
  let plan = byEntity.get(entity);
  if (!plan) {
    plan = ds.getMetadata(entity).columns.map((c) => ({
      property: c.propertyName,
      column: c.databaseName,
      convert: converter(c.type),
    }));
    // The primary key first: its being null marks an outer join's miss.
    const key = ds.getMetadata(entity).primaryColumns[0]?.databaseName;
    plan.sort((a, b) => Number(b.column === key) - Number(a.column === key));
    byEntity.set(entity, plan);
  }
  return plan;
}

/** The SELECT list for an entity's columns from table alias `alias`, each named `${alias}_${column}`. */
export function selectList(ds: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  return planFor(ds, entity).map((p) => `${alias}.${p.column} AS ${alias}_${p.column}`).join(', ');
}

/** The entity in a row read with selectList(alias), or null when its key column is null (an outer join's miss). */
export function hydrate<T extends ObjectLiteral>(ds: DataSource, entity: new () => T, alias: string, row: Record<string, unknown>): T | null {
  const plan = planFor(ds, entity);
  if (row[`${alias}_${plan[0]!.column}`] === null || row[`${alias}_${plan[0]!.column}`] === undefined) return null;
  const out = new entity() as Record<string, unknown>;
  for (const p of plan) out[p.property] = p.convert(row[`${alias}_${p.column}`]);
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
  const meta = ds.getMetadata(entity);
  const column = (property: string): string => {
    const c = meta.findColumnWithPropertyName(property);
    if (!c) throw new Error(`${meta.name} has no column for ${property}`);
    return c.databaseName;
  };
  const nulls = conditions.map((c) => ` AND x.${column(c.column)} IS NULL`).join('');
  const orderBy = order.length ? `ORDER BY ${order.map(([p, dir]) => `x.${column(p)} ${dir}`).join(', ')}` : '';
  return findWhere(ds, entity, `x.${column(keyProperty)} IN (${placeholders(ds, keys.length)})${nulls}`, [...keys], orderBy);
}

/** Rows of an entity matching a condition written in SQL over alias `x` (its own parameters), as entities. */
export async function findWhere<T extends ObjectLiteral>(ds: DataSource, entity: new () => T, where: string, params: unknown[], tail = ''): Promise<T[]> {
  const meta = ds.getMetadata(entity);
  const rows = (await ds.query(`SELECT ${selectList(ds, entity, 'x')} FROM "${meta.tableName}" x${where ? ` WHERE ${where}` : ''}${tail ? ` ${tail}` : ''}`, params)) as Array<Record<string, unknown>>;
  return rows.map((r) => hydrate(ds, entity, 'x', r) as T);
}
