import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings, SETTINGS, SettingsError, storeKind } from '../../src/config/settings';

test('defaults: port 4000, SQLite store under var/, page size 100', () => {
  const s = loadSettings({});
  expect(s).toMatchObject({
    port: 4000,
    sqlitePath: 'var/hub.sqlite',
    databaseUrl: '',
    maxPageSize: 100,
    maxQueryDepth: 12,
    maxQueryComplexity: 20000,
  });
  expect(storeKind(s)).toBe('sqlite');
});

test('environment variables override defaults and DATABASE_URL selects PostgreSQL', () => {
  const s = loadSettings({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db', QUERY_STATS: 'yes' });
  expect(s.port).toBe(8080);
  expect(s.queryStats).toBe(true);
  expect(storeKind(s)).toBe('postgres');
});

test.each([
  [{ PORT: 'eighty' }, 'PORT must be a port number'],
  [{ PORT: '70000' }, 'PORT must be a port number'],
  [{ MAX_PAGE_SIZE: '0' }, 'MAX_PAGE_SIZE must be a whole number of 1 or more'],
  [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a postgres:// URL'],
  [{ INTROSPECTION: 'maybe' }, 'INTROSPECTION must be true or false'],
  [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of debug, info, warn, error'],
])('bad value %j is refused: %s', (env, message) => {
  expect(() => loadSettings(env)).toThrow(SettingsError);
  expect(() => loadSettings(env)).toThrow(message);
});

test('the README settings table lists every setting with its default, and nothing else', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const rows = readme
    .split('\n')
    .filter((l) => /^\| `[A-Z_]+` \|/.test(l))
    .map((l) => l.split('|').map((c) => c.trim()));
  const documented = Object.fromEntries(rows.map((r) => [r[1]!.replace(/`/g, ''), r[2]!.replace(/`/g, '')]));
  const expected = Object.fromEntries(
    Object.values(SETTINGS).map((s) => [s.env, s.default === '' ? '(empty)' : s.default]),
  );
  expect(documented).toEqual(expected);
});
