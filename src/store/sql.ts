import type { DataSource } from 'typeorm';

// Raw SQL helpers for the few statements the query builder cannot express portably.
// Placeholders differ by driver: PostgreSQL numbers them ($1), SQLite takes "?".

export function placeholders(ds: DataSource, count: number, offset = 0): string {
  if (count <= 0) return '';
  // Built by repeat and a plain loop: a bulk write's statements have thousands of placeholders,
  // and Array.from over {length} was a tenth of a 100,000-figure write's CPU.
  if (ds.options.type !== 'postgres') return `${'?, '.repeat(count - 1)}?`;
  let out = `$${offset + 1}`;
  for (let i = 2; i <= count; i += 1) out += `, $${offset + i}`;
  return out;
}

export function placeholder(ds: DataSource, index: number): string {
  return ds.options.type === 'postgres' ? `$${index}` : '?';
}

export async function rawRows<T>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  return (await ds.query(sql, params)) as T[];
}
