import 'reflect-metadata';
import { loadSettings } from '../src/config/settings';
import { createLogger } from '../src/logging/logger';
import { openStore } from '../src/store/data-source';

// Prints the SQL that would bring the store's schema in line with the entities, after the
// migrations have run. Empty output means the migrations and entities agree. Use it against
// a scratch SQLite file and a scratch PostgreSQL database to write a new migration.
async function main(): Promise<void> {
  const settings = loadSettings();
  const ds = await openStore(settings, createLogger('warn'));
  const sql = await ds.driver.createSchemaBuilder().log();
  for (const q of sql.upQueries) process.stdout.write(`UP ${q.query}\n`);
  for (const q of sql.downQueries.reverse()) process.stdout.write(`DOWN ${q.query}\n`);
  await ds.destroy();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
