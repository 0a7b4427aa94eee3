import { basename } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// Provenance once held a file source as `file:<path on the server>`. A figure's source is what
// was published, so stored paths become the file's name alone, in the runs and on every figure
// and revision. Written by hand (data, not schema): the same statements serve both stores but
// for the placeholder style.
const COLUMNS: Array<[table: string, column: string]> = [
  ['ingest_run', 'source'],
  ['observation', 'source_url'],
  ['observation_revision', 'source_url'],
];

export class SourceNames1795968000000 implements MigrationInterface {
  name = 'SourceNames1795968000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const [a, b] = postgres ? ['$1', '$2'] : ['?', '?'];
    for (const [table, column] of COLUMNS) {
      const rows = (await queryRunner.query(
        `SELECT DISTINCT "${column}" AS v FROM "${table}" WHERE "${column}" LIKE 'file:%'`,
      )) as Array<{ v: string }>;
      for (const { v } of rows) {
        await queryRunner.query(`UPDATE "${table}" SET "${column}" = ${a} WHERE "${column}" = ${b}`, [
          basename(v.slice('file:'.length)),
          v,
        ]);
      }
    }
  }

  async down(): Promise<void> {
    // The paths are gone on purpose; there is nothing to put back.
  }
}
