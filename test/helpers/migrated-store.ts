import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { silentLogger } from '../../src/logging/logger';
import { dataSourceOptions } from '../../src/store/data-source';
import type { TestStore } from './test-store';

/**
 * The test store opened with only the given migrations applied: a store as an earlier hub left
 * it, for a migration's test to fill before the rest run.
 */
export async function openMigrated(store: TestStore, migrations: Function[]): Promise<DataSource> {
  const ds = new DataSource({ ...dataSourceOptions(store.settings, silentLogger), migrations });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
