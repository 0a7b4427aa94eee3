import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
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

interface Row {
  operation: string;
  statements: number;
  httpMs: number;
  directMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-queries-'));
  const settings = loadSettings(process.env, { port: 0, host: '127.0.0.1', sqlitePath: join(dir, 'bench.sqlite'), queryStats: true, scheduler: false, ingestOnStart: true, logLevel: 'error', rateLimitPerMinute: 0 });
  process.stderr.write('starting a hub with the sample data...\n');
  const hub = await startHub(settings, silentLogger);
  const rows: Row[] = [];
  try {
    for (const op of exampleOperations()) {
      const body = JSON.stringify({ query: op.query, variables: op.variables ? (JSON.parse(op.variables) as unknown) : {} });
      const send = async (): Promise<{ sqlStatements?: number }> => {
        const res = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const json = (await res.json()) as { errors?: unknown[]; extensions?: { sqlStatements?: number } };
        if (json.errors) throw new Error(`${op.name}: ${JSON.stringify(json.errors)}`);
        return json.extensions ?? {};
      };
      for (let i = 0; i < 20; i += 1) await send();
      const rec = recordStatements();
      const { sqlStatements = 0 } = await send();
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
      rows.push({ operation: op.name, statements: sqlStatements, httpMs: median(http), directMs: median(direct) });
      process.stderr.write(`  ${op.name} done\n`);
    }
  } finally {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${requests} requests per operation, median times, ${settings.databaseUrl ? 'PostgreSQL' : 'SQLite'}\n`);
  process.stdout.write('operation        SQL/request  ms/request  ms direct  ratio\n');
  for (const r of rows) {
    const ratio = r.statements === 0 ? '  n/a' : `${(r.httpMs / r.directMs).toFixed(2).padStart(5)}x`;
    process.stdout.write(`${r.operation.padEnd(16)} ${String(r.statements).padStart(11)}  ${r.httpMs.toFixed(2).padStart(10)}  ${r.directMs.toFixed(2).padStart(9)}  ${ratio}\n`);
  }
  process.stdout.write('\nratio: time per request over HTTP / the same SQL run directly (target: within 3x)\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
