import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { exampleOperations } from '../src/server/explorer';
import { freePort } from '../src/net/free-port';

// npm run bench:load [-- seconds]
// Starts a hub (its own process, fresh SQLite store with the sample data) on 127.0.0.1 and
// drives it with autocannon at 50 connections: the Scorecard and Series contract operations,
// and `{ __typename }` as the server's ceiling, in the same run. Prints requests per second,
// p50 and p99 latency, errors, and each operation's throughput as a share of the ceiling.

const CONNECTIONS = 50;

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

async function load(name: string, url: string, body: string, seconds: number): Promise<Result> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    requests: r.requests.total,
  };
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 30);
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-load-'));
  const port = await freePort();
  const hub = spawn(process.execPath, [join(__dirname, '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SQLITE_PATH: join(dir, 'bench.sqlite'),
      SCHEDULER: 'false',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i += 1) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        // starting
      }
      if (i > 300) throw new Error('the hub did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const ops = new Map(exampleOperations().map((o) => [o.name, o]));
    const bodyOf = (name: string): string => {
      const op = ops.get(name)!;
      return JSON.stringify({ query: op.query, variables: JSON.parse(op.variables) as unknown });
    };
    const results: Result[] = [];
    for (const [name, body] of [
      ['{ __typename } (ceiling)', JSON.stringify({ query: '{ __typename }' })],
      ['scorecard', bodyOf('scorecard')],
      ['series', bodyOf('series')],
    ] as const) {
      process.stderr.write(`${name}: ${seconds} s at ${CONNECTIONS} connections...\n`);
      results.push(await load(name, `${url}/graphql`, body, seconds));
    }
    const ceiling = results[0]!.rps;
    process.stdout.write(`\n${CONNECTIONS} connections, ${seconds} s each, hub on 127.0.0.1 (SQLite, sample data)\n`);
    process.stdout.write('operation                 req/s    p50 ms  p99 ms  errors  requests  share of ceiling\n');
    for (const r of results) {
      process.stdout.write(
        `${r.name.padEnd(24)} ${r.rps.toFixed(0).padStart(6)}  ${String(r.p50).padStart(7)}  ${String(r.p99).padStart(6)}  ${String(r.errors).padStart(6)}  ${String(r.requests).padStart(8)}  ${((r.rps / ceiling) * 100).toFixed(0).padStart(15)}%\n`,
      );
    }
    process.stdout.write('\ntarget: scorecard at least 50% of the ceiling, with zero errors\n');
  } finally {
    hub.kill('SIGTERM');
    await new Promise((r) => hub.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
