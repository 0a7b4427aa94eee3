import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runForDriver } from './run-for-driver';

// A run's notes (what it left out and why: a national total missing a force's file). Written by
// hand for SQLite: ADD COLUMN keeps ingest_run in place (other tables refer to it).
export class RunNotes1796359146854 implements MigrationInterface {
  name = 'RunNotes1796359146854';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForDriver(queryRunner, {
      sqlite: ['ALTER TABLE "ingest_run" ADD COLUMN "notes" text'],
      postgres: ['ALTER TABLE "ingest_run" ADD "notes" text'],
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runForDriver(queryRunner, {
      sqlite: ['ALTER TABLE "ingest_run" DROP COLUMN "notes"'],
      postgres: ['ALTER TABLE "ingest_run" DROP COLUMN "notes"'],
    });
  }
}
