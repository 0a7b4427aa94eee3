import type { DataSource } from 'typeorm';

// Raw SQL helpers for the few statements the query builder cannot express portably.
// Placeholders differ by driver: PostgreSQL numbers them ($1), SQLite takes "?".

export function placeholders(ds: DataSource, count: number, offset = 0): string {
  const pg = ds.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (pg ? `$${offset + i + 1}` : '?')).join(', ');
}

export function placeholder(ds: DataSource, index: number): string {
  return ds.options.type === 'postgres' ? `$${index}` : '?';
}

export async function rawRows<T>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  return (await ds.query(sql, params)) as T[];
}
