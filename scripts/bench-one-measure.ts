import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { parsePeriod } from '../src/analytics/period';
import { loadSettings } from '../src/config/settings';
import { AreaType } from '../src/domain/enums';
import { Area, AreaParent } from '../src/entities';
import { createConnector } from '../src/ingest/connectors';
import { FiguresChanged } from '../src/ingest/figures-changed';
import { runIngest } from '../src/ingest/ingest-runner';
import { silentLogger } from '../src/logging/logger';
import { loadGeography } from '../src/geography/geography-loader';
import { loadReferenceData } from '../src/reference/reference-loader';
import { openStore } from '../src/store/data-source';
import { insertChunked } from '../src/store/insert-chunked';

// One run writing many figures of one measure, the shape that was once quadratic in its rows
// (the writer copied a list per row). The hub's whole run (a partner feed read, checked and
// written through the runner) is timed next to the least any store must do for the same rows:
// one prepared INSERT run for each row in one transaction, straight on better-sqlite3. The
// ratio should stay near the same at 10,000 and 100,000 rows if the writer is linear.

const MEASURE = 'police.all-crime'; // a monthly count
const AREAS = 100;

interface Figure {
  area: string;
  period: string;
  value: number;
}

function figures(rows: number): Figure[] {
  const out: Figure[] = [];
  const months = Math.ceil(rows / AREAS);
  for (let a = 0; a < AREAS && out.length < rows; a += 1)
    for (let m = 0; m < months && out.length < rows; m += 1)
      out.push({
        area: `E0199${String(a).padStart(4, '0')}`,
        period: `${1900 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
        value: (a * 7 + m * 13) % 97,
      });
  return out;
}

async function freshStore(dir: string, name: string): Promise<{ ds: DataSource; figuresChanged: FiguresChanged }> {
  const settings = loadSettings({}, { databaseUrl: '', sqlitePath: join(dir, `${name}.sqlite`) });
  const ds = await openStore(settings, silentLogger);
  const figuresChanged = new FiguresChanged(ds, settings.smallCountThreshold, silentLogger);
  await loadGeography(ds, settings.geographyDir, silentLogger);
  await loadReferenceData(ds, settings.referenceDir, figuresChanged, silentLogger);
  const areas = Array.from({ length: AREAS }, (_, a) => `E0199${String(a).padStart(4, '0')}`);
  await insertChunked(
    ds.manager,
    Area,
    areas.map((code) => ({ code, name: `bench ${code}`, type: AreaType.LSOA, note: null })),
  );
  await insertChunked(
    ds.manager,
    AreaParent,
    areas.map((code) => ({ childCode: code, parentCode: 'E06000044' })),
  );
  return { ds, figuresChanged };
}

async function hubRun(dir: string, list: Figure[]): Promise<number> {
  const { ds, figuresChanged } = await freshStore(dir, 'hub');
  const file = join(dir, 'one-measure.csv');
  writeFileSync(
    file,
    ['measure,area,period,value', ...list.map((f) => `${MEASURE},${f.area},${f.period},${f.value}`)].join('\n'),
  );
  const started = process.hrtime.bigint();
  const result = await runIngest(
    ds,
    createConnector('partner-feed', {}),
    { source: { file }, trigger: 'bench', timeoutMs: 3_600_000, figuresChanged, detectAlerts: false },
    silentLogger,
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 'SUCCEEDED' || result.run!.rowsWritten !== list.length)
    throw new Error(`the hub's run did not write every row: ${result.error ?? result.run?.rowsWritten}`);
  await ds.destroy();
  return seconds;
}

async function directRun(dir: string, list: Figure[]): Promise<number> {
  const { ds } = await freshStore(dir, 'direct');
  const db = (ds.driver as unknown as { databaseConnection: Database }).databaseConnection;
  const insert = db.prepare(
    `INSERT INTO "observation" ("measure_code", "area_code", "period", "frequency", "period_start", "period_end",
       "value", "suppressed", "dataset_id", "source_url", "retrieved_at", "updated_at")
     VALUES (?, ?, ?, 'MONTH', ?, ?, ?, 0, 'partner-feed', 'one-measure.csv', ?, ?)`,
  );
  const now = new Date().toISOString();
  const started = process.hrtime.bigint();
  db.transaction(() => {
    for (const f of list) {
      const span = parsePeriod(f.period);
      insert.run(MEASURE, f.area, f.period, span.start, span.end, f.value, now, now);
    }
  })();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await ds.destroy();
  return seconds;
}

/** Runs both for `rows` figures; prints one line. */
export async function benchOneMeasure(rows: number): Promise<{ rows: number; hub: number; direct: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-one-'));
  try {
    const list = figures(rows);
    const direct = await directRun(dir, list);
    const hub = await hubRun(dir, list);
    return { rows, hub, direct };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const sizes = process.argv.slice(2).map(Number);
  (async () => {
    process.stdout.write('one measure: rows   hub s   direct s   hub / direct\n');
    for (const rows of sizes.length ? sizes : [10_000, 100_000]) {
      const r = await benchOneMeasure(rows);
      process.stdout.write(
        `${String(r.rows).padStart(18)} ${r.hub.toFixed(2).padStart(7)} ${r.direct.toFixed(2).padStart(10)} ${(r.hub / r.direct).toFixed(2).padStart(13)}x  (target: within 3x)\n`,
      );
    }
  })().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
