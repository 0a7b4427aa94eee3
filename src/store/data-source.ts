import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { SETTINGS, storeKind, type Settings } from '../config/settings';
import { ENTITIES } from '../entities';
import type { Logger } from '../logging/logger';
import { MIGRATIONS } from '../migrations';
import { CountingTypeOrmLogger } from './query-counter';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { installLockTimeouts } from './postgres-locks';
import { installWriteTurns } from './sqlite-writes';

export type StoreSettings = Pick<Settings, 'databaseUrl' | 'sqlitePath'> & Partial<Pick<Settings, 'storeBusyWaitMs'>>;

/** STORE_BUSY_WAIT_MS's default, for callers that give only where the store is. */
const DEFAULT_BUSY_WAIT_MS = Number(SETTINGS.storeBusyWaitMs.default);

export function dataSourceOptions(settings: StoreSettings, logger: Logger): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'hub_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    logger: new CountingTypeOrmLogger(logger),
    synchronize: false,
  };
  if (storeKind(settings) === 'postgres') {
    return { ...common, type: 'postgres', url: settings.databaseUrl, extra: { max: 10 } };
  }
  const file = resolve(settings.sqlitePath);
  mkdirSync(dirname(file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    enableWAL: true,
    // In WAL mode NORMAL syncs the log at checkpoints rather than at every commit: a commit can
    // be lost to a power cut (never to a crash of the process), and the store stays whole.
    // A fresh start commits some 250 transactions (a run per sample file, each with its
    // aftermath); FULL's fsync per commit was a third of that start.
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('synchronous = NORMAL');
    },
    // No busy wait inside a statement: it would hold the event loop (sqlite-writes.ts).
    timeout: 0,
    // Prepared statements kept by SQL text. IN lists of every length are distinct texts, so
    // the default of 100 would churn under a mix of dashboard queries.
    statementCacheSize: 1000,
  };
}

export function createDataSource(settings: StoreSettings, logger: Logger): DataSource {
  return new DataSource(dataSourceOptions(settings, logger));
}

/** Opens the store and brings its schema up to date. */
export async function openStore(settings: StoreSettings, logger: Logger): Promise<DataSource> {
  const ds = createDataSource(settings, logger);
  await ds.initialize();
  const waitMs = settings.storeBusyWaitMs ?? DEFAULT_BUSY_WAIT_MS;
  installWriteTurns(ds, waitMs);
  const applied = await ds.runMigrations({ transaction: 'each' });
  installLockTimeouts(ds, waitMs);
  if (applied.length > 0) logger.info('migrations applied', { migrations: applied.map((m) => m.name) });
  return ds;
}
