import type { QueryRunner } from 'typeorm';

// One migration serves both stores: it carries the SQL for each and runs the list for the
// driver it finds. Anything else is refused rather than half-applied.
export async function runForDriver(queryRunner: QueryRunner, sql: { sqlite: string[]; postgres: string[] }): Promise<void> {
  const type = queryRunner.connection.options.type;
  const list = type === 'better-sqlite3' ? sql.sqlite : type === 'postgres' ? sql.postgres : null;
  if (list === null) throw new Error(`no migration SQL for the ${type} driver`);
  for (const statement of list) await queryRunner.query(statement);
}
