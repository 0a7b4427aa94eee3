import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CRIME_TYPES, STREET_HEADER } from '../src/ingest/connectors/police-street.connector';
import { readCsv } from '../src/ingest/csv/csv-reader';
import { runIngest } from '../src/ingest/ingest-runner';
import { createConnector } from '../src/ingest/connectors';
import { Random } from '../jobs/samples/random';
import { loadSettings } from '../src/config/settings';
import { silentLogger } from '../src/logging/logger';
import { loadGeography } from '../src/geography/geography-loader';
import { loadReferenceData } from '../src/reference/reference-loader';
import { openStore } from '../src/store/data-source';
import { FiguresChanged } from '../src/ingest/figures-changed';
import { benchOneMeasure } from './bench-one-measure';

// npm run bench:ingest [-- rows]
// Generates a street-level file the size of a national month (500,000 rows by default) and
// measures, each in its own process so peak memory is that phase's alone:
//   parse   - read and split every record (the baseline: the least any ingest must do)
//   ingest  - the whole run: parse, count, write to a fresh SQLite store in one transaction
// at the full size and at half size, to show whether peak memory grows with the file.

const DISTRICTS = [
  'Basingstoke and Deane',
  'East Hampshire',
  'Eastleigh',
  'Fareham',
  'Gosport',
  'Hart',
  'Havant',
  'New Forest',
  'Rushmoor',
  'Test Valley',
  'Winchester',
  'Portsmouth',
  'Southampton',
  'Isle of Wight',
  'West Berkshire',
  'Wiltshire',
];

async function writeFile(path: string, rows: number): Promise<void> {
  const rng = new Random(500_000);
  const out = createWriteStream(path);
  const write = (s: string): Promise<void> =>
    new Promise((resolve) => (out.write(s) ? resolve() : out.once('drain', resolve)));
  await write(`${STREET_HEADER.join(',')}\n`);
  for (let i = 0; i < rows; i += 1) {
    const d = rng.int(0, DISTRICTS.length - 1);
    const n = rng.int(1, 60);
    const type = rng.pick(CRIME_TYPES);
    const asb = type === 'Anti-social behaviour';
    await write(
      `${asb ? '' : rng.hex(64)},2024-03,Hampshire Constabulary,Hampshire Constabulary,-1.${rng.int(100000, 999999)},50.${rng.int(100000, 999999)},On or near Bench Road,E0191${String(d).padStart(2, '0')}${String(n).padStart(2, '0')},${DISTRICTS[d]} ${String(n).padStart(3, '0')}A,${type},${asb ? '' : 'Investigation complete; no suspect identified'},\n`,
    );
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

interface PhaseResult {
  phase: string;
  rows: number;
  seconds: number;
  peakRssMb: number;
}

async function phase(name: string, file: string): Promise<PhaseResult> {
  const started = process.hrtime.bigint();
  let rows = 0;
  if (name === 'parse') {
    for await (const rec of readCsv(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 18 })))
      if (rec.fields.length > 1) rows += 1;
    rows -= 1; // the header
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
    const settings = loadSettings({}, { databaseUrl: '', sqlitePath: join(dir, 'bench.sqlite') });
    const ds = await openStore(settings, silentLogger);
    const figuresChanged = new FiguresChanged(ds, settings.smallCountThreshold, silentLogger);
    await loadGeography(ds, settings.geographyDir, silentLogger);
    await loadReferenceData(ds, settings.referenceDir, figuresChanged, silentLogger);
    const migrated = process.hrtime.bigint();
    const result = await runIngest(
      ds,
      createConnector('police-street'),
      { source: { file }, trigger: 'bench', timeoutMs: 3_600_000, figuresChanged },
      silentLogger,
    );
    if (result.status !== 'SUCCEEDED') throw new Error(`ingest failed: ${result.error}`);
    rows = result.run!.rowsRead;
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
    const seconds = Number(process.hrtime.bigint() - migrated) / 1e9;
    return { phase: name, rows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { phase: name, rows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function runPhase(name: string, file: string): PhaseResult {
  const child = spawnSync(process.execPath, [__filename, '--phase', name, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`${name} phase failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() as string) as PhaseResult;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--phase') {
    process.stdout.write(`${JSON.stringify(await phase(args[1] as string, args[2] as string))}\n`);
    return;
  }
  const rows = Number(args[0] ?? 500_000);
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-files-'));
  try {
    const table: Array<PhaseResult & { size: string }> = [];
    for (const n of [Math.round(rows / 2), rows]) {
      const file = join(dir, `2024-03-hampshire-street-${n}.csv`);
      process.stderr.write(`generating ${n.toLocaleString('en-GB')} rows...\n`);
      await writeFile(file, n);
      const size = `${(statSync(file).size / 1e6).toFixed(0)} MB`;
      for (const name of ['parse', 'ingest']) {
        process.stderr.write(`  ${name}...\n`);
        table.push({ ...runPhase(name, file), size });
      }
    }
    process.stdout.write('\nphase   rows       file    seconds  rows/s     peak RSS\n');
    for (const r of table) {
      process.stdout.write(
        `${r.phase.padEnd(7)} ${String(r.rows).padEnd(10)} ${r.size.padEnd(7)} ${r.seconds.toFixed(2).padStart(7)}  ${Math.round(
          r.rows / r.seconds,
        )
          .toLocaleString('en-GB')
          .padStart(9)}  ${r.peakRssMb.toFixed(0).padStart(5)} MB\n`,
      );
    }
    const full = table.slice(2);
    const half = table.slice(0, 2);
    const ratio = full[1]!.seconds / full[0]!.seconds;
    process.stdout.write(
      `\nwhole ingest / parse-only time at ${rows.toLocaleString('en-GB')} rows: ${ratio.toFixed(2)}x (target: within 2x)\n`,
    );
    process.stdout.write(
      `peak RSS of the whole ingest at ${half[1]!.rows.toLocaleString('en-GB')} rows: ${half[1]!.peakRssMb.toFixed(0)} MB; at ${full[1]!.rows.toLocaleString('en-GB')}: ${full[1]!.peakRssMb.toFixed(0)} MB (streamed: it should not double)\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // One run of many figures of one measure, against a direct prepared insert of the same rows.
  process.stdout.write(
    '\none measure    rows     hub s  direct s  hub / direct (target: within 3x, the same at both sizes)\n',
  );
  for (const n of [10_000, 100_000]) {
    process.stderr.write(`one measure, ${n.toLocaleString('en-GB')} rows...\n`);
    const r = await benchOneMeasure(n);
    process.stdout.write(
      `${String(r.rows).padStart(19)} ${r.hub.toFixed(2).padStart(9)} ${r.direct.toFixed(2).padStart(9)} ${(r.hub / r.direct).toFixed(2).padStart(12)}x\n`,
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
