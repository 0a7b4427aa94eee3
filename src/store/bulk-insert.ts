import type { EntityManager } from 'typeorm';
import { MAX_PARAMETERS } from './insert-rows';
import { placeholders } from './sql';

// Plain values into a table by column name, as fast as each store allows, for loads of tens of
// thousands of rows (the geography: 42,000 areas and 77,000 parent links). PostgreSQL takes one
// statement per 20,000 rows, each column sent as one array and unnested: a multi-row VALUES
// statement of 500 rows costs a round trip per 500 rows, and 240 of them were two seconds of a
// fresh start. SQLite, in the process, takes multi-row VALUES statements (its statement cache
// keeps the one text a full batch uses). Values must be strings, numbers or null.

export type BulkColumnType = 'varchar' | 'text' | 'int';
export type BulkValue = string | number | null;

const PG_ROWS = 20_000;
const SQLITE_ROWS = 500;

export async function bulkInsert(
  m: EntityManager,
  table: string,
  columns: ReadonlyArray<readonly [name: string, type: BulkColumnType]>,
  rows: ReadonlyArray<readonly BulkValue[]>,
): Promise<void> {
  if (!rows.length) return;
  const names = columns.map(([n]) => `"${n}"`).join(', ');
  if (m.connection.options.type === 'postgres') {
    const arrays = columns.map((_, i) => `$${i + 1}::${columns[i]![1]}[]`).join(', ');
    const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`;
    for (let i = 0; i < rows.length; i += PG_ROWS) {
      const chunk = rows.slice(i, i + PG_ROWS);
      await m.query(
        sql,
        columns.map((_, c) => chunk.map((r) => r[c] ?? null)),
      );
    }
    return;
  }
  const width = columns.length;
  const batch = Math.max(1, Math.min(SQLITE_ROWS, Math.floor(MAX_PARAMETERS / width)));
  const tuple = `(${placeholders(m.connection, width)})`;
  let text = '';
  let textRows = 0;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    if (chunk.length !== textRows) {
      text = `INSERT INTO "${table}" (${names}) VALUES ${new Array<string>(chunk.length).fill(tuple).join(', ')}`;
      textRows = chunk.length;
    }
    await m.query(text, chunk.flat());
  }
}
