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
  [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES item 1 must be addresses or subnets'],
  [{ TRUSTED_PROXIES: '127.0.0.1,gateway.example' }, 'TRUSTED_PROXIES item 2 must be addresses or subnets'],
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

test('every bad setting is reported at once, each naming its variable; a secret value is never repeated', () => {
  let error: unknown;
  try {
    loadSettings({
      PORT: 'eighty',
      CACHE_MAX_AGE: '',
      DATABASE_URL: 'mysql://admin:hunter2@db/hub',
      GATEWAY_SUBGRAPHS: 'north=http://127.0.0.1:4001/graphql,south=ftp://user:hunter2@h/graphql',
      SCHEDULER: 'sometimes',
    });
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(SettingsError);
  expect((error as SettingsError).problems).toEqual([
    'PORT must be a port number (0 to 65535), not "eighty"',
    'DATABASE_URL must be a postgres:// URL',
    'CACHE_MAX_AGE must be 0 or a whole number of 1 or more, not ""',
    'SCHEDULER must be true or false, not "sometimes"',
    'GATEWAY_SUBGRAPHS item 2 must be name=http://host:port/graphql',
  ]);
  expect((error as SettingsError).message).not.toContain('hunter2');
});

test('values are read as before: spaces and case in a flag, 0 to turn a limit off, a list of subgraphs', () => {
  const s = loadSettings({
    INTROSPECTION: ' Off ',
    QUERY_STATS: 'ON',
    FEDERATION: '',
    RATE_LIMIT_PER_MINUTE: '0',
    CACHE_MAX_AGE: '120',
    GATEWAY_SUBGRAPHS: ' north=http://127.0.0.1:4001/graphql , south=https://south.example/graphql',
    LOG_LEVEL: 'warn',
    TRUSTED_PROXIES: ' 10.0.0.5, 192.168.0.0/16 ,loopback,::1',
  });
  expect(s).toMatchObject({
    trustedProxies: ['10.0.0.5', '192.168.0.0/16', 'loopback', '::1'],
    introspection: false,
    queryStats: true,
    federation: false,
    rateLimitPerMinute: 0,
    cacheMaxAge: 120,
    logLevel: 'warn',
    gatewaySubgraphs: [
      { name: 'north', url: 'http://127.0.0.1:4001/graphql' },
      { name: 'south', url: 'https://south.example/graphql' },
    ],
  });
});
