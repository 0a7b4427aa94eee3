import DataLoader from 'dataloader';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { groupBy } from '../analytics/group-by';
import { findIn, type RawCondition } from '../store/hydrate';

// Small factories for the per-request loaders. Each turns the keys one GraphQL level asks for
// into a single SQL statement, so a query costs a number of statements fixed by its shape,
// not by how many rows it returns. The statements are written by findIn, not built by TypeORM
// on every call.

type Key = string | number;

/** One row per key (by primary or unique key), or null. */
export function byKey<T extends ObjectLiteral, K extends Key>(
  manager: EntityManager,
  entity: new () => T,
  field: keyof T & string,
): DataLoader<K, T | null> {
  return new DataLoader<K, T | null>(async (keys) => {
    const rows = await findIn(manager.connection, entity, field, keys);
    const map = new Map<unknown, T>(rows.map((r) => [r[field], r]));
    return keys.map((k) => map.get(k) ?? null);
  });
}

/** All rows whose `field` equals each key, in the given order. */
export function groupedBy<T extends ObjectLiteral, K extends Key>(
  manager: EntityManager,
  entity: new () => T,
  field: keyof T & string,
  order: Partial<Record<keyof T & string, 'ASC' | 'DESC'>> = {},
  conditions: RawCondition[] = [],
): DataLoader<K, T[]> {
  const orderList = Object.entries(order) as Array<[string, 'ASC' | 'DESC']>;
  return new DataLoader<K, T[]>(async (keys) => {
    const rows = await findIn(manager.connection, entity, field, keys, orderList, conditions);
    const groups = groupBy<T, unknown>(rows, (r) => r[field]);
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/** Follows a join table: the join rows of each key, then their targets (two statements). */
export function through<J extends ObjectLiteral, T extends ObjectLiteral, K extends Key>(
  joins: DataLoader<K, J[]>,
  targetKey: keyof J & string,
  targets: DataLoader<string, T | null>,
): DataLoader<K, T[]> {
  return new DataLoader<K, T[]>(async (keys) => {
    const joinLists = await joins.loadMany([...keys]);
    return Promise.all(
      joinLists.map(async (list) => {
        if (list instanceof Error) throw list;
        const found = await targets.loadMany(list.map((j) => String(j[targetKey])));
        return found.filter((t): t is T => t !== null && !(t instanceof Error));
      }),
    );
  });
}

/**
 * Pages of a list for each of many owners. Keys asking for the same page (the same `group`:
 * filter and window) are answered together by one call of `pages`, whatever their owners.
 */
export function pagedByOwner<K extends { owner: O }, O extends Key, P>(
  group: (key: K) => string,
  pages: (owners: O[], sample: K) => Promise<Map<O, P>>,
): DataLoader<K, P, string> {
  const cacheKey = (k: K): string => `${k.owner}|${group(k)}`;
  return new DataLoader<K, P, string>(
    async (keys) => {
      const groups = groupBy(keys, group);
      const results = new Map<string, P>();
      for (const [g, members] of groups) {
        const found = await pages([...new Set(members.map((m) => m.owner))], members[0] as K);
        for (const [owner, page] of found) results.set(`${owner}|${g}`, page);
      }
      return keys.map((k) => results.get(cacheKey(k)) as P);
    },
    { cacheKeyFn: cacheKey },
  );
}
