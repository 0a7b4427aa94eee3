// Every setting the hub reads, in one table: name, environment variable, default and help.
// The README's settings table is checked against this one by a test, so they cannot drift.

export interface SettingSpec<T> {
  name: string;
  env: string;
  default: string;
  help: string;
  parse: (raw: string, env: string) => T;
}

export class SettingsError extends Error {}

const text = (raw: string): string => raw;

const positiveInt = (raw: string, env: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new SettingsError(`${env} must be a whole number of 1 or more, not "${raw}"`);
  return n;
};

const port = (raw: string, env: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new SettingsError(`${env} must be a port number (0 to 65535), not "${raw}"`);
  return n;
};

const bool = (raw: string, env: string): boolean => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  throw new SettingsError(`${env} must be true or false, not "${raw}"`);
};

const postgresUrl = (raw: string, env: string): string => {
  if (raw === '') return raw;
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new SettingsError(`${env} must be a postgres:// URL`);
  return raw;
};

const hubId = (raw: string, env: string): string => {
  if (!/^[a-z][A-Za-z0-9_]{0,39}$/.test(raw))
    throw new SettingsError(
      `${env} must be a lower-case letter then letters, digits or _ (a GraphQL name), not "${raw}"`,
    );
  return raw;
};

const subgraphList = (raw: string, env: string): Array<{ name: string; url: string }> => {
  if (raw.trim() === '') return [];
  return raw.split(',').map((item) => {
    const m = /^\s*([a-z][A-Za-z0-9_]*)=(https?:\/\/\S+)\s*$/.exec(item);
    if (!m)
      throw new SettingsError(`${env} must be a comma-separated list of name=http://host:port/graphql, not "${item}"`);
    return { name: m[1] as string, url: m[2] as string };
  });
};

const logLevel = (raw: string, env: string): 'debug' | 'info' | 'warn' | 'error' => {
  if (raw === 'debug' || raw === 'info' || raw === 'warn' || raw === 'error') return raw;
  throw new SettingsError(`${env} must be one of debug, info, warn, error`);
};

export const SETTINGS = {
  port: { name: 'port', env: 'PORT', default: '4000', help: 'HTTP port the hub listens on.', parse: port },
  host: {
    name: 'host',
    env: 'HOST',
    default: '127.0.0.1',
    help: 'Address the hub listens on; 0.0.0.0 to serve other machines.',
    parse: text,
  },
  sqlitePath: {
    name: 'sqlitePath',
    env: 'SQLITE_PATH',
    default: 'var/hub.sqlite',
    help: 'The SQLite store file, created with its folder if missing. Used unless DATABASE_URL is set.',
    parse: text,
  },
  databaseUrl: {
    name: 'databaseUrl',
    env: 'DATABASE_URL',
    default: '',
    help: 'A postgres:// URL. When set, PostgreSQL is the store instead of SQLite.',
    parse: postgresUrl,
  },
  referenceDir: {
    name: 'referenceDir',
    env: 'REFERENCE_DIR',
    default: 'data/reference',
    help: 'Folder of the reference data (partnerships, plans, areas, measures) loaded on start.',
    parse: text,
  },
  loadReferenceOnStart: {
    name: 'loadReferenceOnStart',
    env: 'LOAD_REFERENCE_ON_START',
    default: 'true',
    help: 'Load the reference data on start. Loading is idempotent: unchanged files change nothing.',
    parse: bool,
  },
  maxPageSize: {
    name: 'maxPageSize',
    env: 'MAX_PAGE_SIZE',
    default: '100',
    help: 'Largest `first` a connection accepts; larger requests get BAD_USER_INPUT.',
    parse: positiveInt,
  },
  maxQueryDepth: {
    name: 'maxQueryDepth',
    env: 'MAX_QUERY_DEPTH',
    default: '12',
    help: 'Deepest field nesting a query may have (QUERY_TOO_DEEP beyond it).',
    parse: positiveInt,
  },
  maxQueryComplexity: {
    name: 'maxQueryComplexity',
    env: 'MAX_QUERY_COMPLEXITY',
    default: '20000',
    help: 'Highest estimated cost of a query (QUERY_TOO_COMPLEX beyond it). Each field costs 1, a connection multiplies its fields by `first`, a plain list by 5.',
    parse: positiveInt,
  },
  rateLimitPerMinute: {
    name: 'rateLimitPerMinute',
    env: 'RATE_LIMIT_PER_MINUTE',
    default: '1200',
    help: 'Requests a minute to /graphql and /export per API key, or per address without one; beyond it 429 with Retry-After. 0 turns the limit off.',
    parse: (raw: string, env: string): number => (raw === '0' ? 0 : positiveInt(raw, env)),
  },
  requestTimeoutMs: {
    name: 'requestTimeoutMs',
    env: 'REQUEST_TIMEOUT_MS',
    default: '30000',
    help: 'A request still unanswered after this many milliseconds gets 503 with code TIMEOUT.',
    parse: positiveInt,
  },
  bodyLimit: {
    name: 'bodyLimit',
    env: 'BODY_LIMIT',
    default: '1mb',
    help: 'Largest request body accepted (413 beyond it), e.g. 100kb, 1mb.',
    parse: text,
  },
  cacheMaxAge: {
    name: 'cacheMaxAge',
    env: 'CACHE_MAX_AGE',
    default: '60',
    help: 'Seconds a public read may be cached (Cache-Control max-age, with an ETag; 304 when unchanged). Private with an API key; 0 sends no-store.',
    parse: (raw: string, env: string): number => (raw === '0' ? 0 : positiveInt(raw, env)),
  },
  smallCountThreshold: {
    name: 'smallCountThreshold',
    env: 'SMALL_COUNT_THRESHOLD',
    default: '5',
    help: 'Counts under this are suppressed, for anyone who is not a member, in figures of SUPPRESSED measures and in any total containing one.',
    parse: positiveInt,
  },
  introspection: {
    name: 'introspection',
    env: 'INTROSPECTION',
    default: 'true',
    help: 'Allow schema introspection (the explorer and codegen tools need it).',
    parse: bool,
  },
  queryStats: {
    name: 'queryStats',
    env: 'QUERY_STATS',
    default: 'false',
    help: 'Add `extensions.sqlStatements` (SQL statements the request ran) to every response. For benchmarks and tests.',
    parse: bool,
  },
  ingestScheduleFile: {
    name: 'ingestScheduleFile',
    env: 'INGEST_SCHEDULE_FILE',
    default: 'jobs/schedule.json',
    help: 'The jobs: dataset, cron, timeout and source. Each can be overridden by INGEST_<DATASET>_CRON, _URL, _FILE, _FOLDER, _TIMEOUT_SECONDS.',
    parse: text,
  },
  ingestOnStart: {
    name: 'ingestOnStart',
    env: 'INGEST_ON_START',
    default: 'true',
    help: 'On start, run every job that has never succeeded (on a fresh store: generate and load the sample data).',
    parse: bool,
  },
  scheduler: {
    name: 'scheduler',
    env: 'SCHEDULER',
    default: 'true',
    help: 'Run the jobs on their cron schedules while the hub serves.',
    parse: bool,
  },
  federation: {
    name: 'federation',
    env: 'FEDERATION',
    default: 'false',
    help: 'Serve /graphql as an Apollo Federation 2 subgraph (keys on Area, Measure, Partnership) for a gateway.',
    parse: bool,
  },
  hubId: {
    name: 'hubId',
    env: 'HUB_ID',
    default: 'hub',
    help: "This hub's name in a federation: the root field and Area field holding its own data (a GraphQL name, e.g. hampshire).",
    parse: hubId,
  },
  gatewaySubgraphs: {
    name: 'gatewaySubgraphs',
    env: 'GATEWAY_SUBGRAPHS',
    default: '',
    help: 'For npm run gateway: the hubs to compose, as name=http://host:port/graphql,name=...',
    parse: subgraphList,
  },
  logLevel: {
    name: 'logLevel',
    env: 'LOG_LEVEL',
    default: 'info',
    help: 'Least severe log level written: debug, info, warn or error. Logs are JSON lines on stdout.',
    parse: logLevel,
  },
} as const;

type Specs = typeof SETTINGS;
export type Settings = { [K in keyof Specs]: ReturnType<Specs[K]['parse']> };

export function loadSettings(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Settings> = {}): Settings {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(SETTINGS) as Array<[keyof Specs, SettingSpec<unknown>]>) {
    const raw = env[spec.env];
    out[key] = spec.parse(raw === undefined ? spec.default : raw, spec.env);
  }
  return { ...(out as Settings), ...overrides };
}

export function storeKind(settings: Pick<Settings, 'databaseUrl'>): 'postgres' | 'sqlite' {
  return settings.databaseUrl ? 'postgres' : 'sqlite';
}
