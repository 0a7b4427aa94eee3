import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

// Multi-row INSERTs of a bounded size: one statement per row is slow on a networked store, one
// statement for all of them can pass the drivers' limits on bound parameters (SQLite's 32,766,
// PostgreSQL's 65,535) on a big load. 200 rows of the widest entity stay well under both.

export const INSERT_CHUNK = 200;

export async function insertChunked<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: ReadonlyArray<Partial<T>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await manager.insert(entity, rows.slice(i, i + INSERT_CHUNK) as T[]);
}
