import 'reflect-metadata';
import { loadSettings } from './src/config/settings';
import { createLogger } from './src/logging/logger';
import { createDataSource } from './src/store/data-source';

// The TypeORM DataSource for the store the environment names (SQLite by default,
// PostgreSQL when DATABASE_URL is set). The TypeORM CLI can use it with -d.
const settings = loadSettings();

export const dataSource = createDataSource(settings, createLogger(settings.logLevel));
export default dataSource;
