import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../src/config/settings';
import { startHub, type RunningHub } from '../src/hub';
import { hubJobs } from '../jobs/hub-jobs';
import { silentLogger } from '../src/logging/logger';
import { exampleOperations } from '../src/server/explorer';
import { recordStatements, type RecordedStatement } from '../src/store/query-counter';
import { createScratchDatabase, type ScratchDatabase } from '../src/store/scratch-database';

// npm run bench:queries [-- requests]
// For each contract operation, on a fresh store holding the sample data: the SQL statements one
// request runs, and three median times: over HTTP, executed in the server without HTTP (Apollo's
// executeOperation: the same pipeline, plugins, context and loaders), and the same statements
// run directly against the store (recorded from one request, then replayed one after another).
// An operation the hub answers partly from the plan graph it holds in memory gets a second
// line: the same request just after a change to the reference data, when the graph is read
// from the store again, and the direct time of those reads.
// Uses SQLite, or, when DATABASE_URL names a PostgreSQL server, a new database created on it
// for the run and dropped after. The client is node:http on one keep-alive connection in the
// hub's process (not fetch(), whose own cost would be counted as the server's).

interface Row {
  operation: string;
  statements: number;
  httpMs: number;
  inServerMs: number;
  directMs: number;
}

interface Operation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const CLIENT = 'node:http, one keep-alive connection';
const WARM_UP = 20;

/** POSTs a body to /graphql and resolves with the response text; anything but 200 rejects. */
function post(url: URL, agent: Agent, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) resolve(text);
          else reject(new Error(`HTTP ${res.statusCode}: ${text}`));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function failOnErrors(name: string, result: unknown): void {
  const errors = (result as { errors?: unknown[] } | null)?.errors;
  if (errors?.length) throw new Error(`${name}: ${JSON.stringify(errors)}`);
}

/** Milliseconds `fn` takes. */
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

class Bench {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly url: URL;

  constructor(
    private readonly hub: RunningHub,
    private readonly requests: number,
  ) {
    this.url = new URL(hub.url);
  }

  close(): void {
    this.agent.destroy();
  }

  /** A new plan-graph token, as any write to the reference tables sets: the next request reads the graph again. */
  readonly changeReference = async (): Promise<void> => {
    await this.hub.dataSource.query(
      `UPDATE reference_version SET token = 'bench-${randomBytes(8).toString('hex')}' WHERE id = 1`,
    );
  };

  private readonly nothing = async (): Promise<void> => undefined;

  async http(op: Operation): Promise<void> {
    failOnErrors(
      op.name,
      JSON.parse(await post(this.url, this.agent, JSON.stringify({ query: op.query, variables: op.variables }))),
    );
  }

  async inServer(op: Operation): Promise<void> {
    failOnErrors(op.name, await this.hub.execute(op.query, op.variables));
  }

  async record(op: Operation, before: () => Promise<unknown>): Promise<RecordedStatement[]> {
    await before();
    const rec = recordStatements();
    try {
      await this.http(op);
    } finally {
      rec.stop();
    }
    return rec.statements;
  }

  async measure(op: Operation, label: string, cold: boolean): Promise<Row> {
    const before = cold ? this.changeReference : this.nothing;
    for (let i = 0; i < WARM_UP; i += 1) {
      await this.http(op);
      await this.inServer(op);
    }
    const replay = await this.record(op, before);
    const ds = this.hub.dataSource;
    const direct = async (): Promise<void> => {
      for (const st of replay) await ds.query(st.query, st.parameters);
    };
    // The three ways are taken in turn within each round, so a drift of the machine's speed
    // during the run (GC, other load) falls on all three alike and leaves the ratios alone.
    const http: number[] = [];
    const inServer: number[] = [];
    const directMs: number[] = [];
    for (let i = 0; i < this.requests; i += 1) {
      await before();
      http.push(await time(() => this.http(op)));
      await before();
      inServer.push(await time(() => this.inServer(op)));
      directMs.push(await time(direct));
    }
    return {
      operation: label,
      statements: replay.length,
      httpMs: median(http),
      inServerMs: median(inServer),
      directMs: median(directMs),
    };
  }

  /** The operation as served and, when the plan graph in memory spared it reads, just after a reference change. */
  async rows(op: Operation): Promise<Row[]> {
    const warm = await this.measure(op, op.name, false);
    const coldStatements = (await this.record(op, this.changeReference)).length;
    if (coldStatements === warm.statements) return [warm];
    return [warm, await this.measure(op, `${op.name}, graph read`, true)];
  }
}

const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');

function print(rows: Row[], requests: number, store: string): void {
  const out = (s: string): boolean => process.stdout.write(`${s}\n`);
  out(`\n${requests} requests per operation, median times, ${store}, client ${CLIENT}`);
  out('operation              SQL/request  HTTP ms  in-server ms  direct ms  HTTP/direct  in-server/direct');
  for (const r of rows) {
    const none = r.statements === 0;
    out(
      `${r.operation.padEnd(22)} ${String(r.statements).padStart(11)}  ${r.httpMs.toFixed(2).padStart(7)}  ${r.inServerMs.toFixed(2).padStart(12)}  ${none ? '        -' : r.directMs.toFixed(2).padStart(9)}  ${(none ? 'n/a' : ratio(r.httpMs, r.directMs)).padStart(11)}  ${(none ? 'n/a' : ratio(r.inServerMs, r.directMs)).padStart(16)}`,
    );
  }
  out(
    '\ndirect: the statements of one request run one after another on the store, with no GraphQL or HTTP (target: within 3x)',
  );
  out(
    "  (the hub runs the loaders of one level at once, which PostgreSQL's pool serves in parallel: a request can take less than its statements in a row)",
  );
  out("in-server: the same request through the GraphQL pipeline in the hub's process, without HTTP");
  out('{ __typename } and spc-chart run no SQL: { __typename } over HTTP is the floor of any request');
  for (const cold of rows.filter((r) => r.operation.endsWith(', graph read'))) {
    const name = cold.operation.replace(/, graph read$/, '');
    const served = rows.find((r) => r.operation === name);
    if (!served) continue;
    out(
      `${name}: answered from the plan graph in memory and ${served.statements} statement(s). With nothing in memory (the "graph read" line, just after a reference change) the hub reads the whole plan graph, every partnership's, and the summaries: ${cold.statements} statements, ${cold.directMs.toFixed(2)} ms directly. As served, over HTTP it takes ${ratio(served.httpMs, cold.directMs)} of that.`,
    );
  }
}

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-queries-'));
  const serverUrl = process.env.DATABASE_URL ?? '';
  const scratch: ScratchDatabase | null = serverUrl
    ? await createScratchDatabase(serverUrl, `hub_bench_${process.pid}`)
    : null;
  const settings = loadSettings(
    { ...process.env, DATABASE_URL: scratch?.url ?? '' },
    {
      port: 0,
      host: '127.0.0.1',
      sqlitePath: join(dir, 'bench.sqlite'),
      scheduler: false,
      ingestOnStart: true,
      logLevel: 'error',
      rateLimitPerMinute: 0,
    },
  );
  process.stderr.write(
    `starting a hub with the sample data on ${scratch ? 'a new PostgreSQL database' : 'a new SQLite file'}...\n`,
  );
  const rows: Row[] = [];
  try {
    const hub = await startHub(settings, silentLogger, hubJobs(settings, silentLogger));
    const bench = new Bench(hub, requests);
    try {
      const ops: Operation[] = [
        { name: '{ __typename }', query: '{ __typename }', variables: {} },
        ...exampleOperations().map((o) => ({
          name: o.name,
          query: o.query,
          variables: o.variables ? (JSON.parse(o.variables) as Record<string, unknown>) : {},
        })),
      ];
      for (const op of ops) {
        rows.push(...(await bench.rows(op)));
        process.stderr.write(`  ${op.name} done\n`);
      }
    } finally {
      bench.close();
      await hub.stop();
    }
  } finally {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  print(rows, requests, scratch ? 'PostgreSQL' : 'SQLite');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
