import { isIP } from 'node:net';
import { z } from 'zod';
import { found } from '../errors/zod-problems';

// Every setting the hub reads, in one table: name, environment variable, default and help.
// The README's settings table is checked against this one by a test, so they cannot drift.
// Each setting's schema turns the variable's text (or the default) into its value; the type
// of Settings is what the schemas give.

export interface SettingSpec<T> {
  name: string;
  env: string;
  default: string;
  help: string;
  /** Turns the text into the value; its messages read after the variable's name ("PORT must be ..."). */
  schema: z.ZodType<T>;
  /** The value is never repeated in a message (it may hold a password). */
  secret?: boolean;
}

/** Every bad setting at once, each naming its variable. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `bad settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

const text = z.string();

/** Read with Number(), as the hub always has, so that " 8080 " and "1e3" keep working ("" is 0). */
const wholeNumber = (min: number, max: number, what: string) => {
  const error = `must be ${what}`;
  return z.string().transform(Number).pipe(z.number({ error }).int({ error }).min(min, { error }).max(max, { error }));
};

const positiveInt = wholeNumber(1, Number.MAX_SAFE_INTEGER, 'a whole number of 1 or more');

/** 0 turns the thing off; an empty value is a mistake, not 0. */
const offOrPositiveInt = z
  .string()
  .regex(/\S/, { error: 'must be 0 or a whole number of 1 or more' })
  .pipe(wholeNumber(0, Number.MAX_SAFE_INTEGER, '0 or a whole number of 1 or more'));

const port = wholeNumber(0, 65535, 'a port number (0 to 65535)');

// Surrounding spaces and case do not matter; an empty value is false.
const bool = z
  .string()
  .trim()
  .pipe(
    z.stringbool({
      truthy: ['1', 'true', 'yes', 'on'],
      falsy: ['0', 'false', 'no', 'off', ''],
      error: 'must be true or false',
    }),
  );

const postgresUrl = z.string().regex(/^$|^postgres(ql)?:\/\//, { error: 'must be a postgres:// URL' });

const hubId = z.string().regex(/^[a-z][A-Za-z0-9_]{0,39}$/, {
  error: 'must be a lower-case letter then letters, digits or _ (a GraphQL name)',
});

const SUBGRAPH = /^\s*([a-z][A-Za-z0-9_]*)=(https?:\/\/\S+)\s*$/;
const subgraph = z
  .string()
  .regex(SUBGRAPH, { error: 'must be name=http://host:port/graphql' })
  .transform((item) => {
    const [, name, url] = SUBGRAPH.exec(item) as RegExpExecArray;
    return { name: name as string, url: url as string };
  });

/** name=http://host:port/graphql,name=... ; empty for none. */
const subgraphList = z
  .string()
  .transform((raw) => (raw.trim() === '' ? [] : raw.split(',')))
  .pipe(z.array(subgraph));

/** An origin as a browser sends it: scheme, host and port, no path; a default port is dropped. */
function isOrigin(item: string): boolean {
  try {
    const url = new URL(item);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      !url.username &&
      !url.password &&
      url.pathname === '/' &&
      !url.search &&
      !url.hash &&
      // new URL() adds the "/" of an empty path; one written out is a path all the same.
      !/^[a-z]+:\/\/[^/]*\/./i.test(item)
    );
  } catch {
    return false;
  }
}

const origin = z
  .string()
  .trim()
  .refine(isOrigin, { error: 'must be an origin such as https://dashboards.example.org (no path)' })
  .transform((item) => new URL(item).origin);

/** https://a.example,https://b.example ; empty for none. */
const originList = z
  .string()
  .transform((raw) => (raw.trim() === '' ? [] : raw.split(',')))
  .pipe(z.array(origin));

/** An address or subnet a proxy-addr list takes: 10.0.0.5, 10.0.0.0/8, ::1, or loopback. */
function isProxy(item: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
  const [address, bits, extra] = item.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Addresses or subnets, comma-separated; empty for none. */
const proxyList = z
  .string()
  .transform((raw) => (raw.trim() === '' ? [] : raw.split(',').map((item) => item.trim())))
  .pipe(
    z.array(
      z.string().refine(isProxy, {
        error: 'must be addresses or subnets such as 10.0.0.5, 10.0.0.0/8 or loopback, comma-separated',
      }),
    ),
  );

const logLevel = z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' });

export const SETTINGS = {
  port: { name: 'port', env: 'PORT', default: '4000', help: 'HTTP port the hub listens on.', schema: port },
  host: {
    name: 'host',
    env: 'HOST',
    default: '127.0.0.1',
    help: 'Address the hub listens on; 0.0.0.0 to serve other machines.',
    schema: text,
  },
  sqlitePath: {
    name: 'sqlitePath',
    env: 'SQLITE_PATH',
    default: 'var/hub.sqlite',
    help: 'The SQLite store file, created with its folder if missing. Used unless DATABASE_URL is set.',
    schema: text,
  },
  databaseUrl: {
    name: 'databaseUrl',
    env: 'DATABASE_URL',
    default: '',
    help: 'A postgres:// URL. When set, PostgreSQL is the store instead of SQLite.',
    schema: postgresUrl,
    secret: true,
  },
  referenceDir: {
    name: 'referenceDir',
    env: 'REFERENCE_DIR',
    default: 'data/reference',
    help: 'Folder of the reference data (partnerships, plans, measures) loaded on start.',
    schema: text,
  },
  geographyDir: {
    name: 'geographyDir',
    env: 'GEOGRAPHY_DIR',
    default: 'data/geography',
    help: 'Folder of the geography lookups (every LSOA, MSOA, district, county, region, partnership, police force area and fire authority of England and Wales), loaded on start before the reference data; unchanged files are not read again.',
    schema: text,
  },
  loadReferenceOnStart: {
    name: 'loadReferenceOnStart',
    env: 'LOAD_REFERENCE_ON_START',
    default: 'true',
    help: 'Load the geography and the reference data on start. Loading is idempotent: unchanged files change nothing.',
    schema: bool,
  },
  maxPageSize: {
    name: 'maxPageSize',
    env: 'MAX_PAGE_SIZE',
    default: '100',
    help: 'Largest `first` a connection accepts; larger requests get BAD_USER_INPUT.',
    schema: positiveInt,
  },
  maxQueryDepth: {
    name: 'maxQueryDepth',
    env: 'MAX_QUERY_DEPTH',
    default: '12',
    help: 'Deepest field nesting a query may have (QUERY_TOO_DEEP beyond it).',
    schema: positiveInt,
  },
  maxQueryComplexity: {
    name: 'maxQueryComplexity',
    env: 'MAX_QUERY_COMPLEXITY',
    default: '20000',
    help: 'Highest estimated cost of a query (QUERY_TOO_COMPLEX beyond it). Each field costs 1, a connection multiplies its fields by `first`, a plain list by 5, and each item of a list argument (an spcChart value, a submitted row) adds 1.',
    schema: positiveInt,
  },
  rateLimitPerMinute: {
    name: 'rateLimitPerMinute',
    env: 'RATE_LIMIT_PER_MINUTE',
    default: '1200',
    help: 'Requests a minute to /graphql and /export per API key, or per address without one; a key is looked up only once its address has paid for the request, and the address is paid back if the key is valid. Beyond it 429 with Retry-After. 0 turns the limit off.',
    schema: offOrPositiveInt,
  },
  trustedProxies: {
    name: 'trustedProxies',
    env: 'TRUSTED_PROXIES',
    default: '',
    help: "Addresses or subnets of proxies in front of the hub (a federation gateway, a load balancer), comma-separated, e.g. 10.0.0.5 or loopback. A request from one of them is rate-limited by the caller's address it forwards in X-Forwarded-For, not by the proxy's own. Empty: the header is ignored. List only proxies you run: one listed can claim any address.",
    schema: proxyList,
  },
  requestTimeoutMs: {
    name: 'requestTimeoutMs',
    env: 'REQUEST_TIMEOUT_MS',
    default: '30000',
    help: 'A request still unanswered after this many milliseconds gets 503 with code TIMEOUT.',
    schema: positiveInt,
  },
  bodyLimit: {
    name: 'bodyLimit',
    env: 'BODY_LIMIT',
    default: '1mb',
    help: 'Largest request body accepted (413 beyond it), e.g. 100kb, 1mb.',
    schema: text,
  },
  corsOrigins: {
    name: 'corsOrigins',
    env: 'CORS_ORIGINS',
    default: '',
    help: "Origins whose browser pages may call /graphql, /export and /submissions (CORS), comma-separated, e.g. https://dashboards.example.org. Empty: none beyond the hub's own. Never with credentials (keys travel in headers).",
    schema: originList,
  },
  cacheMaxAge: {
    name: 'cacheMaxAge',
    env: 'CACHE_MAX_AGE',
    default: '60',
    help: 'Seconds a public read may be cached (Cache-Control max-age, with an ETag; 304 when unchanged). Private with an API key; 0 sends no-store.',
    schema: offOrPositiveInt,
  },
  smallCountThreshold: {
    name: 'smallCountThreshold',
    env: 'SMALL_COUNT_THRESHOLD',
    default: '5',
    help: 'Counts under this are suppressed, for anyone who is not a member, in figures of SUPPRESSED measures and in any total containing one.',
    schema: positiveInt,
  },
  introspection: {
    name: 'introspection',
    env: 'INTROSPECTION',
    default: 'true',
    help: 'Allow schema introspection (the explorer and codegen tools need it).',
    schema: bool,
  },
  queryStats: {
    name: 'queryStats',
    env: 'QUERY_STATS',
    default: 'false',
    help: 'Add `extensions.sqlStatements` (SQL statements the request ran) to every response. For benchmarks and tests.',
    schema: bool,
  },
  storeBusyWaitMs: {
    name: 'storeBusyWaitMs',
    env: 'STORE_BUSY_WAIT_MS',
    default: '5000',
    help: 'How long a write waits for its turn while another write holds the store (SQLite: another process, or a long ingest in this one; PostgreSQL: a transaction holding the figures it writes, as its lock_timeout). Past it the write is refused with 503 STORE_BUSY and Retry-After, and nothing is written; a job run fails saying the store was busy. Reads never wait for writes.',
    schema: positiveInt,
  },
  ingestBusyRetrySeconds: {
    name: 'ingestBusyRetrySeconds',
    env: 'INGEST_BUSY_RETRY_SECONDS',
    default: '60',
    help: 'A scheduled job that failed because the store was busy is run again after this many seconds, then after twice and four times as long (three retries at most). 0 turns the retries off.',
    schema: offOrPositiveInt,
  },
  ingestScheduleFile: {
    name: 'ingestScheduleFile',
    env: 'INGEST_SCHEDULE_FILE',
    default: 'jobs/schedule.json',
    help: 'The jobs: dataset, cron, timeout and source. Each can be overridden by INGEST_<DATASET>_CRON, _URL, _FILE, _FOLDER, _TIMEOUT_SECONDS.',
    schema: text,
  },
  ingestOnStart: {
    name: 'ingestOnStart',
    env: 'INGEST_ON_START',
    default: 'true',
    help: 'On start, run every job that has never succeeded (on a fresh store: generate and load the sample data).',
    schema: bool,
  },
  scheduler: {
    name: 'scheduler',
    env: 'SCHEDULER',
    default: 'true',
    help: 'Run the jobs on their cron schedules while the hub serves.',
    schema: bool,
  },
  federation: {
    name: 'federation',
    env: 'FEDERATION',
    default: 'false',
    help: 'Serve /graphql as an Apollo Federation 2 subgraph (keys on Area, Measure, Partnership) for a gateway.',
    schema: bool,
  },
  hubId: {
    name: 'hubId',
    env: 'HUB_ID',
    default: 'hub',
    help: "This hub's name in a federation: the root field and Area field holding its own data (a GraphQL name, e.g. hampshire).",
    schema: hubId,
  },
  gatewaySubgraphs: {
    name: 'gatewaySubgraphs',
    env: 'GATEWAY_SUBGRAPHS',
    default: '',
    help: 'For npm run gateway: the hubs to compose, as name=http://host:port/graphql,name=...',
    schema: subgraphList,
    // The URLs may carry credentials.
    secret: true,
  },
  logLevel: {
    name: 'logLevel',
    env: 'LOG_LEVEL',
    default: 'info',
    help: 'Least severe log level written: debug, info, warn or error. Logs are JSON lines on stdout.',
    schema: logLevel,
  },
} as const;

type Specs = typeof SETTINGS;
export type Settings = { [K in keyof Specs]: z.output<Specs[K]['schema']> };

/** Reads every setting from `env` (or its default); throws SettingsError naming each bad one. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Settings> = {}): Settings {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(SETTINGS) as Array<[keyof Specs, SettingSpec<unknown>]>) {
    const raw = env[spec.env] ?? spec.default;
    const result = spec.schema.safeParse(raw);
    if (result.success) {
      out[key] = result.data;
      continue;
    }
    // One line per variable (its first issue): a value that is not a number is also not
    // "at least 1", and saying both helps nobody.
    const issue = result.error.issues[0]!;
    const item = typeof issue.path[0] === 'number' ? ` item ${issue.path[0] + 1}` : '';
    problems.push(`${spec.env}${item} ${issue.message}${spec.secret ? '' : `, not ${found(raw)}`}`);
  }
  if (problems.length > 0) throw new SettingsError(problems);
  return { ...(out as Settings), ...overrides };
}

export function storeKind(settings: Pick<Settings, 'databaseUrl'>): 'postgres' | 'sqlite' {
  return settings.databaseUrl ? 'postgres' : 'sqlite';
}
