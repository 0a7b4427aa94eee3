import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../src/config/settings';
import { startHub } from '../src/hub';
import { silentLogger } from '../src/logging/logger';
import { exampleOperations } from '../src/server/explorer';
import { recordStatements, type RecordedStatement } from '../src/store/query-counter';

// npm run bench:queries [-- requests]
// For each contract operation, on a fresh store holding the sample data: the time per request
// over HTTP and the SQL statements it runs, next to the time of the same statements run
// directly against the store (recorded from one request, then replayed), and the ratio.
// Uses SQLite unless DATABASE_URL names a (scratch) PostgreSQL database.
// The hub runs with its production defaults (no QUERY_STATS: the statements are counted from the
// recording). The client is node:http on one keep-alive connection, not fetch(): it runs in the
// hub's process, and fetch's own cost would be counted as the server's.

interface Row {
  operation: string;
  statements: number;
  httpMs: number;
  directMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const CLIENT = 'node:http, one keep-alive connection';

/** POSTs a body to /graphql and resolves with the response text; anything but 200 rejects. */
function post(url: URL, agent: Agent, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
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

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-queries-'));
  const settings = loadSettings(process.env, { port: 0, host: '127.0.0.1', sqlitePath: join(dir, 'bench.sqlite'), scheduler: false, ingestOnStart: true, logLevel: 'error', rateLimitPerMinute: 0 });
  process.stderr.write('starting a hub with the sample data...\n');
  const hub = await startHub(settings, silentLogger);
  const rows: Row[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(hub.url);
  try {
    // `{ __typename }` first: no SQL, the cost of an HTTP GraphQL round trip itself.
    for (const op of [{ name: '{ __typename }', query: '{ __typename }', variables: null }, ...exampleOperations()]) {
      const body = JSON.stringify({ query: op.query, variables: op.variables ? (JSON.parse(op.variables) as unknown) : {} });
      const send = async (): Promise<void> => {
        const json = JSON.parse(await post(url, agent, body)) as { errors?: unknown[] };
        if (json.errors) throw new Error(`${op.name}: ${JSON.stringify(json.errors)}`);
      };
      for (let i = 0; i < 20; i += 1) await send();
      const rec = recordStatements();
      await send();
      rec.stop();
      const replay: RecordedStatement[] = rec.statements;
      const http: number[] = [];
      for (let i = 0; i < requests; i += 1) {
        const t0 = process.hrtime.bigint();
        await send();
        http.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      const direct: number[] = [];
      for (let i = 0; i < requests; i += 1) {
        const t0 = process.hrtime.bigint();
        for (const s of replay) await hub.dataSource.query(s.query, s.parameters);
        direct.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      rows.push({ operation: op.name, statements: replay.length, httpMs: median(http), directMs: median(direct) });
      process.stderr.write(`  ${op.name} done\n`);
    }
  } finally {
    agent.destroy();
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${requests} requests per operation, median times, ${settings.databaseUrl ? 'PostgreSQL' : 'SQLite'}, client ${CLIENT}\n`);
  process.stdout.write('operation        SQL/request  ms/request  ms direct  ratio\n');
  for (const r of rows) {
    const ratio = r.statements === 0 ? '  n/a' : `${(r.httpMs / r.directMs).toFixed(2).padStart(5)}x`;
    process.stdout.write(`${r.operation.padEnd(16)} ${String(r.statements).padStart(11)}  ${r.httpMs.toFixed(2).padStart(10)}  ${r.directMs.toFixed(2).padStart(9)}  ${ratio}\n`);
  }
  process.stdout.write('\nratio: time per request over HTTP / the same SQL run directly (target: within 3x)\n');
  process.stdout.write('{ __typename } runs no SQL: its time is the floor of any request, whatever its SQL costs\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
