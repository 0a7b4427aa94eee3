import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runForDriver } from './run-for-driver';

// Runs recorded before run errors were kept to the hub's own words (issue 14) may quote what
// they read: a restricted figure of a partner's feed, the first line of a file given by
// mistake, a server path. Their text moves to `error_detail`, which no API serves (the hub's
// operators read it in the store, as they read the log), and the public `error` says only that
// the run failed before that rule. The hub's own two wordings of that time are kept where they
// are: they quote nothing. Runs recorded since keep their full text in `error_detail` too.
export class RunErrorDetail1796358475170 implements MigrationInterface {
  name = 'RunErrorDetail1796358475170';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForDriver(queryRunner, { sqlite: UP_SQLITE, postgres: UP_POSTGRES });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runForDriver(queryRunner, { sqlite: DOWN_SQLITE, postgres: DOWN_POSTGRES });
  }
}

/** What anyone reads of a run recorded before the rule; its own text is in error_detail. */
export const EARLIER_RUN_ERROR =
  'the run failed; it was recorded before run errors were kept to the hub’s own words, so what it said is kept for the hub’s operators only';

const KEPT = [
  'interrupted: the process running it ended before it finished; nothing it read was written',
  'the run failed on an unexpected error; the details are in the server log',
];
const kept = KEPT.map((t) => `'${t}'`).join(', ');
const quoted = `'${EARLIER_RUN_ERROR.replace(/'/g, "''")}'`;

const MOVE = [
  `UPDATE "ingest_run" SET "error_detail" = "error", "error" = ${quoted} WHERE "error" IS NOT NULL AND "error" NOT IN (${kept})`,
];

// Written by hand for SQLite: ADD COLUMN keeps the table in place (other tables refer to it).
const UP_SQLITE = [`ALTER TABLE "ingest_run" ADD COLUMN "error_detail" text`, ...MOVE];

const DOWN_SQLITE = [
  `UPDATE "ingest_run" SET "error" = "error_detail" WHERE "error" = ${quoted}`,
  `ALTER TABLE "ingest_run" DROP COLUMN "error_detail"`,
];

const UP_POSTGRES = [`ALTER TABLE "ingest_run" ADD "error_detail" text`, ...MOVE];

const DOWN_POSTGRES = [
  `UPDATE "ingest_run" SET "error" = "error_detail" WHERE "error" = ${quoted}`,
  `ALTER TABLE "ingest_run" DROP COLUMN "error_detail"`,
];
