import 'reflect-metadata';
import { fork, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey } from '../src/auth/api-keys';
import { loadSettings } from '../src/config/settings';
import { PROJECT_ROOT } from '../src/config/project-root';
import { startHub } from '../src/hub';
import { CRIME_TYPES, STREET_HEADER } from '../src/ingest/connectors/police-street.connector';
import { createLogger } from '../src/logging/logger';
import { Random } from '../jobs/samples/random';
import { lsoasByForce } from '../jobs/samples/national-police.sample';
import { runJob } from '../jobs/run-job';

// npm run bench:busy [-- --dense] [--rounds N]
// Reads and submissions while a 300,000-row police.uk street file is ingested into the store a
// hub serves (SQLite), the ingest run (a) by the command in another process and (b) inside the
// hub's own process (as the scheduler runs it). A client process fires the dashboard's contract
// reads (scorecard and series) two at a time, back to back, and a submission every second, and
// reports read latency (p50, p95, p99, max) and the submissions' outcomes (ok or 503), with a
// baseline of the same reads with no ingest. Each ingest is a new month, so each writes all its
// figures. The file is in the real layout; its rows spread over Hampshire's 1,192 real LSOAs
// (every one a figure since the hub holds the national geography: about 18,000 figures a month),
// or with --dense 1,000 LSOAs in each partnership district (about 75,000 figures).

const ROWS = 300_000;
const READERS = 2;
const SUBMIT_EVERY_MS = 1000;
const BASELINE_MS = 8000;

/** Hampshire's districts with the number of LSOAs each has (2011 LSOAs; the partnership districts as published). */
const DISTRICTS: Array<[string, number]> = [
  ['Basingstoke and Deane', 109],
  ['East Hampshire', 72],
  ['Eastleigh', 78],
  ['Fareham', 71],
  ['Gosport', 53],
  ['Hart', 59],
  ['Havant', 78],
  ['New Forest', 113],
  ['Rushmoor', 56],
  ['Test Valley', 69],
  ['Winchester', 72],
  ['Portsmouth', 125],
  ['Southampton', 148],
  ['Isle of Wight', 89],
];
// The Hampshire districts partnerships cover (their LSOAs are counted one by one).
const PARTNERSHIP_DISTRICTS = new Set(['Basingstoke and Deane', 'Gosport', 'Hart', 'Rushmoor', 'Portsmouth']);
const DENSE_LSOAS_PER_DISTRICT = 1000;

interface Lsoa {
  code: string;
  name: string;
}

/**
 * Hampshire's real LSOAs (from the shipped geography: 1,192 of them, each district's as
 * published); with --dense, each partnership district also gets invented LSOAs up to 1,000, in
 * codes no real LSOA has (E019xxxxx), which the ingest adds as new areas.
 */
function lsoas(dense: boolean): Lsoa[] {
  const real = lsoasByForce().get('hampshire') ?? [];
  if (!dense) return real;
  const out = [...real];
  let serial = 900_000;
  for (const [district] of DISTRICTS) {
    if (!PARTNERSHIP_DISTRICTS.has(district)) continue;
    const held = real.filter((l) => l.name.startsWith(`${district} `)).length;
    for (let i = held; i < DENSE_LSOAS_PER_DISTRICT; i += 1) {
      serial += 1;
      out.push({ code: `E01${serial}`, name: `${district} ${String(500 + Math.floor(i / 5)).padStart(3, '0')}X` });
    }
  }
  return out;
}

async function writeStreetFile(path: string, month: string, rows: number, areas: Lsoa[], seed: number): Promise<void> {
  const rng = new Random(seed);
  const out = createWriteStream(path);
  const write = (s: string): Promise<void> =>
    new Promise((resolve) => (out.write(s) ? resolve() : out.once('drain', resolve)));
  await write(`${STREET_HEADER.join(',')}\n`);
  for (let i = 0; i < rows; i += 1) {
    const lsoa = rng.pick(areas);
    const type = rng.pick(CRIME_TYPES);
    const asb = type === 'Anti-social behaviour';
    await write(
      `${asb ? '' : rng.hex(64)},${month},Hampshire Constabulary,Hampshire Constabulary,-1.${rng.int(100000, 999999)},50.${rng.int(100000, 999999)},On or near Bench Road,${lsoa.code},${lsoa.name},${type},${asb ? '' : 'Investigation complete; no suspect identified'},\n`,
    );
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

// ---------------------------------------------------------------------------------------------
// The hub process: a hub on the bench's store, which runs an ingest in its own process on request.

type ToHub = { ingest: string };
type FromHub =
  { url: string; key: string } | { done: Array<{ status: string; written: number; error: string | null }> };

async function hubProcess(): Promise<void> {
  const settings = loadSettings(process.env, {
    port: 0,
    ingestOnStart: false,
    scheduler: false,
    rateLimitPerMinute: 0,
    logLevel: 'error',
  });
  const logger = createLogger('error', { service: 'bench-hub' });
  const hub = await startHub(settings, logger, null);
  const { key } = await createKey(hub.dataSource, 'portsmouth-city-council', 'bench', settings.hubId);
  const send = (m: FromHub): void => void process.send?.(m);
  process.on('message', (m: ToHub) => {
    void runJob(
      hub.dataSource,
      { dataset: 'police-street', cron: '0 0 1 1 *', timeoutSeconds: 3600, source: { file: m.ingest }, options: {} },
      { trigger: 'bench', figuresChanged: hub.figuresChanged },
      logger,
    ).then((results) =>
      send({
        done: results.map((r) => ({ status: r.status, written: r.run?.rowsWritten ?? 0, error: r.error })),
      }),
    );
  });
  process.once('disconnect', () => void hub.stop().then(() => process.exit(0)));
  send({ url: hub.url, key });
}

// ---------------------------------------------------------------------------------------------
// The client: reads and submissions against the hub over HTTP, from this process.

interface Load {
  reads: number[];
  submissions: { ok: number; busy: number; other: number };
}

function operation(name: string): string {
  const query = readFileSync(join(PROJECT_ROOT, 'schema', 'operations', `${name}.graphql`), 'utf8');
  const variables = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'schema', 'operations', 'variables', `${name}.json`), 'utf8'),
  ) as Record<string, unknown>;
  return JSON.stringify({ query, variables });
}

/** Fires reads and submissions until `until` settles; the latencies and outcomes. */
async function load(url: string, key: string, until: Promise<unknown>): Promise<Load> {
  const bodies = [operation('scorecard'), operation('series')];
  const result: Load = { reads: [], submissions: { ok: 0, busy: 0, other: 0 } };
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const reader = async (offset: number): Promise<void> => {
    for (let i = offset; !done; i += 1) {
      const started = performance.now();
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodies[i % bodies.length],
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`a read answered ${res.status}`);
      result.reads.push(performance.now() - started);
    }
  };
  let value = 1000;
  const submitter = async (): Promise<void> => {
    while (!done) {
      value += 1;
      const res = await fetch(`${url}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
        body: `measure,area,period,value\npartner.people-in-drug-and-alcohol-treatment,E06000044,2024-Q1,${value}\n`,
      });
      await res.arrayBuffer();
      if (res.status === 201) result.submissions.ok += 1;
      else if (res.status === 503) result.submissions.busy += 1;
      else result.submissions.other += 1;
      await new Promise((resolve) => setTimeout(resolve, SUBMIT_EVERY_MS));
    }
  };
  await Promise.all([...Array.from({ length: READERS }, (_, i) => reader(i)), submitter(), until]);
  return result;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Row {
  round: number;
  mode: string;
  seconds: number;
  written: number;
  reads: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  ok: number;
  busy: number;
  other: number;
}

function row(round: number, mode: string, seconds: number, written: number, l: Load): Row {
  const sorted = [...l.reads].sort((a, b) => a - b);
  return {
    round,
    mode,
    seconds,
    written,
    reads: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    ...l.submissions,
  };
}

const ms = (v: number): string => v.toFixed(1).padStart(7);

function print(r: Row): void {
  process.stdout.write(
    `${String(r.round).padStart(5)}  ${r.mode.padEnd(10)} ${r.seconds.toFixed(1).padStart(6)} ${String(r.written).padStart(8)} ${String(r.reads).padStart(6)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)}  ${String(r.ok).padStart(3)} ${String(r.busy).padStart(4)} ${String(r.other).padStart(5)}\n`,
  );
}

/** Runs the ingest command in its own process against the store; resolves with what it printed. */
function cliIngest(store: string, file: string): Promise<string> {
  const cli = join(PROJECT_ROOT, 'dist', 'jobs', 'ingest-cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'police-street', '--file', file], {
      env: { ...process.env, SQLITE_PATH: store, DATABASE_URL: '', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`the ingest command exited ${code}: ${out}`)),
    );
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--hub') return hubProcess();
  const dense = args.includes('--dense');
  const at = args.indexOf('--rounds');
  const rounds = at === -1 ? 3 : Number(args[at + 1]);
  if (!(rounds >= 1)) throw new Error('--rounds takes a whole number of 1 or more');

  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-busy-'));
  const store = join(dir, 'bench.sqlite');
  const areas = lsoas(dense);
  let hub: ReturnType<typeof fork> | null = null;
  try {
    hub = fork(__filename, ['--hub'], {
      env: { ...process.env, SQLITE_PATH: store, DATABASE_URL: '', NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const child = hub;
    const next = (): Promise<FromHub> => new Promise((resolve) => child.once('message', (m: FromHub) => resolve(m)));
    const ready = (await next()) as { url: string; key: string };
    const inHub = async (file: string): Promise<number> => {
      const answer = next();
      child.send({ ingest: file } satisfies ToHub);
      const { done } = (await answer) as { done: Array<{ status: string; written: number; error: string | null }> };
      const failed = done.find((d) => d.status !== 'SUCCEEDED');
      if (failed) throw new Error(`the ingest in the hub failed: ${failed.error}`);
      return done.reduce((n, d) => n + d.written, 0);
    };

    // A year of smaller months first, so that the series read charts something.
    process.stderr.write('loading a year of months to read...\n');
    for (let m = 1; m <= 12; m += 1) {
      const file = join(dir, `2023-${String(m).padStart(2, '0')}-hampshire-street.csv`);
      await writeStreetFile(file, `2023-${String(m).padStart(2, '0')}`, 20_000, lsoas(false), m);
      await inHub(file);
    }

    process.stdout.write(
      `\nbench:busy ${dense ? 'dense' : 'realistic'}: ${ROWS.toLocaleString('en-GB')} rows, ${areas.length} LSOAs; ${READERS} readers back to back, a submission every ${SUBMIT_EVERY_MS / 1000} s\n`,
    );
    process.stdout.write(
      'round  mode       ingest  figures  reads     p50     p95     p99     max   ok  503  other (ms)\n',
    );
    const rows: Row[] = [];
    let month = 0;
    for (let round = 1; round <= rounds; round += 1) {
      const baseline = load(ready.url, ready.key, new Promise((resolve) => setTimeout(resolve, BASELINE_MS)));
      rows.push(row(round, 'baseline', BASELINE_MS / 1000, 0, await baseline));
      print(rows.at(-1)!);
      for (const mode of ['cli', 'in-process']) {
        month += 1;
        const period = `2024-${String(month).padStart(2, '0')}`;
        const file = join(dir, `${period}-hampshire-street.csv`);
        await writeStreetFile(file, period, ROWS, areas, 1000 + month);
        const started = performance.now();
        let written = 0;
        const ingest =
          mode === 'cli'
            ? cliIngest(store, file).then((out) => {
                written = Number(/written (\d+)/.exec(out)?.[1] ?? 0);
              })
            : inHub(file).then((n) => {
                written = n;
              });
        const result = await load(ready.url, ready.key, ingest);
        rows.push(row(round, mode, (performance.now() - started) / 1000, written, result));
        print(rows.at(-1)!);
        rmSync(file);
      }
    }
    process.stdout.write('\nranges over the rounds (ms):\n');
    for (const mode of ['baseline', 'cli', 'in-process']) {
      const mine = rows.filter((r) => r.mode === mode);
      const range = (k: 'p50' | 'p95' | 'p99' | 'max'): string => {
        const v = mine.map((r) => r[k]);
        return `${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)}`;
      };
      const sum = (k: 'ok' | 'busy' | 'other'): number => mine.reduce((n, r) => n + r[k], 0);
      process.stdout.write(
        `  ${mode.padEnd(10)} p50 ${range('p50')}, p95 ${range('p95')}, p99 ${range('p99')}, max ${range('max')}; submissions ok ${sum('ok')}, 503 ${sum('busy')}, other ${sum('other')}\n`,
      );
    }
  } finally {
    hub?.disconnect();
    await new Promise((resolve) => (hub && hub.exitCode === null ? hub.once('exit', resolve) : resolve(null)));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
