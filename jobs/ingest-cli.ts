import 'reflect-metadata';
import { RejectedRow } from '../src/entities';
import { loadSettings } from '../src/config/settings';
import { createLogger } from '../src/logging/logger';
import { loadGeography } from '../src/geography/geography-loader';
import { loadReferenceData } from '../src/reference/reference-loader';
import { openStore } from '../src/store/data-source';
import { inTurns } from '../src/store/start-up-turns';
import { FiguresChanged } from '../src/ingest/figures-changed';
import { loadJobSpecs, type JobSource, type JobSpec } from './job-config';
import { CONNECTOR_DATASETS } from '../src/ingest/connectors';
import { runJob } from './run-job';

// npm run ingest -- <dataset> [--file F | --folder D | --url U] [--force] [--max-change S]
// Runs one job now against the configured store, shows progress on stderr, prints a summary
// and the first rejected rows, and exits 0 (all runs succeeded), 1 (a run failed),
// 2 (bad arguments) or 3 (another process is running this job).

const USAGE = `usage: npm run ingest -- <dataset> [--file F | --folder D | --url U] [--force] [--max-change S]
  --force          load a delivery the whole-source guard refuses as suspect (recorded on the run)
  --max-change S   how far a figure of a whole-period source may move, as a share (default 0.3)
datasets: ${CONNECTOR_DATASETS.join(', ')}`;

interface CliArgs {
  dataset: string;
  source: JobSource | null;
  force: boolean;
  maxChange?: number;
}

function parseArgs(argv: string[]): CliArgs | string {
  const args = [...argv];
  let force = false;
  let maxChange: number | undefined;
  const at = args.indexOf('--force');
  if (at !== -1) {
    force = true;
    args.splice(at, 1);
  }
  const mc = args.indexOf('--max-change');
  if (mc !== -1) {
    maxChange = Number(args[mc + 1]);
    if (!(maxChange > 0)) return USAGE;
    args.splice(mc, 2);
  }
  const source = parseSource(args);
  return typeof source === 'string' ? source : { ...source, force, maxChange };
}

function parseSource(argv: string[]): { dataset: string; source: JobSource | null } | string {
  const [dataset, flag, value, ...rest] = argv;
  if (!dataset || dataset.startsWith('-')) return USAGE;
  if (!CONNECTOR_DATASETS.includes(dataset)) return `unknown dataset "${dataset}"\n${USAGE}`;
  if (flag === undefined) return { dataset, source: null };
  if (!value || rest.length) return USAGE;
  if (flag === '--file') return { dataset, source: { file: value } };
  if (flag === '--folder') return { dataset, source: { folder: value } };
  if (flag === '--url') return { dataset, source: { url: value } };
  return USAGE;
}

function progressPrinter(): (file: string, rows: number) => void {
  const tty = process.stderr.isTTY;
  let last = 0;
  return (file, rows) => {
    const now = Date.now();
    if (tty) process.stderr.write(`\r${file}: ${rows.toLocaleString('en-GB')} rows read   `);
    else if (now - last > 2000) {
      process.stderr.write(`${file}: ${rows.toLocaleString('en-GB')} rows read\n`);
      last = now;
    }
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  const settings = loadSettings();
  const logger = createLogger(process.env.LOG_LEVEL ? settings.logLevel : 'warn', { service: 'ingest' });
  const ds = await openStore(settings, logger);
  // The CLI's one figures-changed hook, with this process's settings.
  const figuresChanged = new FiguresChanged(ds, settings.smallCountThreshold, logger);
  try {
    await inTurns('geography load', logger, () => loadGeography(ds, settings.geographyDir, logger));
    await inTurns('reference load', logger, () => loadReferenceData(ds, settings.referenceDir, figuresChanged, logger));
    // Alerts and summaries a stopped process (an earlier run killed after its commit) left undone.
    await figuresChanged.redoPending();
    const configured = loadJobSpecs(settings.ingestScheduleFile).find((s) => s.dataset === args.dataset);
    const spec: JobSpec = {
      dataset: args.dataset,
      cron: configured?.cron ?? '0 0 * * *',
      timeoutSeconds: configured?.timeoutSeconds ?? 900,
      source: args.source ?? (configured?.source as JobSource),
      options: args.source ? {} : (configured?.options ?? {}),
      maxChange: args.maxChange ?? configured?.maxChange,
      forced: configured?.forced,
    };
    const results = await runJob(
      ds,
      spec,
      { trigger: 'command', onProgress: progressPrinter(), figuresChanged, force: args.force },
      logger,
    );
    if (process.stderr.isTTY) process.stderr.write('\n');
    let code = 0;
    for (const r of results) {
      if (r.status === 'SKIPPED') {
        process.stdout.write(`${args.dataset}: skipped: ${r.error}\n`);
        return 3;
      }
      const run = r.run;
      if (!run) {
        // Failed before its run could be recorded (the store busy when the lease was taken).
        process.stdout.write(`${args.dataset}: failed: ${r.error}\n`);
        code = 1;
        continue;
      }
      process.stdout.write(
        `run ${run.id} ${run.status} ${run.source}: read ${run.rowsRead}, written ${run.rowsWritten}, rejected ${run.rowsRejected}${run.error ? `; error: ${run.error}` : ''}\n`,
      );
      if (run.rowsRejected > 0) {
        const rows = await ds.manager.find(RejectedRow, { where: { runId: run.id }, order: { line: 'ASC' }, take: 10 });
        for (const row of rows) process.stdout.write(`  line ${row.line}: ${row.reason}\n`);
        if (run.rowsRejected > rows.length) process.stdout.write(`  ... and ${run.rowsRejected - rows.length} more\n`);
      }
      if (r.status === 'FAILED') code = 1;
    }
    if (results.length === 0) process.stdout.write(`${args.dataset}: no source files found\n`);
    return code;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`ingest failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
