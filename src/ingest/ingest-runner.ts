import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DataSource } from 'typeorm';
import { MeasureAccess, RunStatus, Unit } from '../domain/enums';
import { todayIso } from '../domain/today';
import { IngestRun, Measure } from '../entities';
import type { Logger } from '../logging/logger';
import { AreaDirectory } from './area-directory';
import type { FiguresChanged } from './figures-changed';
import {
  RunFailure,
  type AnyConnector,
  type ConnectorContext,
  type ConnectorOutput,
  type ObservationInput,
  type RejectedInput,
  type SourceText,
} from './connector';
import { holdsNul, withoutNul } from '../domain/text';
import { runError, UNEXPECTED_RUN_ERROR } from './run-error';
import { acquireJobLock, releaseJobLock, type Lease } from './job-lock';
import { isStoreBusy } from '../errors/store-busy';
import { bulkConnection } from '../store/bulk-connection';
import { RunRecorder } from './run-recorder';
import { figureProblem, textProblem, type MeasureShape } from './row-rules';
import {
  DEFAULT_MAX_CHANGE,
  describeSuspicion,
  suspectMeasures,
  suspicion,
  SuspectDeliveryError,
  type Figure,
  type WholeDelivery,
} from './whole-source';
import { placeholder, placeholders, rawRows } from '../store/sql';
import { writeAreas, writeObservations, writeRejected, type WriteCounts } from './observation-writer';
import { DEFAULT_RETRY, openFile, openUrl, publishedName, type RetryPolicy } from './source';
import { givenFiles, sourceFiles } from './source-files';

// One run of one dataset: take the job's lease, record the run, read the source through the
// connector, then write everything in one transaction. A failure at any point leaves the
// store's figures as they were and records the run as FAILED with its error.

/** What the runner knows of each measure: the row rules' shape and who may see its figures. */
type KnownMeasure = MeasureShape & { access: MeasureAccess };

/**
 * A file (plain, .gz, or, for a connector that reads many files, a .zip or a folder), a URL,
 * or several files read as one delivery (one month of a folder of force files), with a name.
 */
export type RunSource = { file: string } | { url: string } | { files: string[]; name: string };

export interface RunRequest {
  source: RunSource;
  trigger: string;
  timeoutMs: number;
  retry?: RetryPolicy;
  onProgress?: (rowsRead: number) => void;
  /** After writing, look for new alerts and refresh scorecard figures (default). A job of many files does it once, at its end. */
  detectAlerts?: boolean;
  /** The process's one figures-changed hook (alerts, scorecard summaries). */
  figuresChanged: FiguresChanged;
  /** Load a delivery the whole-source guard finds suspect (recorded on the run). */
  force?: boolean;
  /** How far a figure of a whole-period source may move before the delivery is suspect (default 0.3). */
  maxChange?: number;
}

export interface RunResult {
  status: RunStatus | 'SKIPPED';
  run: IngestRun | null;
  counts: WriteCounts | null;
  /** Measures whose figures the run inserted or changed. */
  changedMeasures: string[];
  error: string | null;
  /** The run failed because the store stayed busy with another write: worth running again later. */
  storeBusy: boolean;
}

/** Another process holds the job's lease. */
export const SKIPPED_BUSY = 'another process is running this job';

function timeoutSignal(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new RunFailure(`the run timed out after ${Math.round(ms / 1000)} s`)),
    ms,
  );
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** A source that is more than one plain file: a folder, a zip archive or a gzipped file. */
async function isDelivery(path: string): Promise<boolean> {
  if (/\.(zip|gz)$/i.test(path)) return true;
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

async function readSource(
  ds: DataSource,
  connector: AnyConnector,
  req: RunRequest,
  signal: AbortSignal,
  logger: Logger,
): Promise<{ output: ConnectorOutput; sourceName: string; measures: ReadonlyMap<string, KnownMeasure> }> {
  const retry = req.retry ?? DEFAULT_RETRY;
  const onRetry = (attempt: number, reason: string, delayMs: number): void =>
    logger.warn('retrying source', { attempt, reason, delayMs });
  const [areas, measures] = await Promise.all([
    AreaDirectory.load(ds),
    ds.manager.find(Measure, { select: { code: true, access: true, frequency: true, unit: true } }),
  ]);
  const suppressedMeasures = new Map(
    measures.filter((m) => m.access === MeasureAccess.SUPPRESSED).map((m) => [m.code, m]),
  );
  const known = new Map<string, KnownMeasure>(measures.map((m) => [m.code, m]));
  const ctx: ConnectorContext = {
    areas,
    measures: known,
    today: todayIso(),
    suppressedMeasures,
    logger,
    progress: req.onProgress ?? (() => undefined),
    signal,
  };
  let output: ConnectorOutput;
  let sourceName: string;
  if (connector.kind === 'api') {
    if (!('url' in req.source))
      throw new RunFailure(`the ${connector.dataset} connector reads an API: give it a base URL, not a file`);
    sourceName = publishedName(req.source);
    output = await connector.fetch(req.source.url, { ...ctx, retry, onRetry });
  } else if ('files' in req.source) {
    if (!connector.files) throw new RunFailure(`the ${connector.dataset} connector reads one file at a time`);
    sourceName = req.source.name;
    output = await connector.files.run(givenFiles(req.source.files), ctx);
  } else if ('file' in req.source && (await isDelivery(req.source.file))) {
    // A zip archive or a folder: a delivery of many files, read in one run by a connector
    // that reads many (a .gz of one file is read as that file, by any connector).
    const path = req.source.file;
    sourceName = basename(path);
    if (connector.files) output = await connector.files.run(sourceFiles(path, connector.files.wants), ctx);
    else if (/\.gz$/i.test(path)) {
      let only: SourceText | undefined;
      for await (const file of sourceFiles(path, () => true)) only = file;
      output = await connector.run(only!, ctx);
    } else throw new RunFailure(`the ${connector.dataset} connector reads one file at a time, not ${sourceName}`);
  } else {
    const source =
      'file' in req.source ? await openFile(req.source.file) : await openUrl(req.source.url, retry, signal, onRetry);
    sourceName = source.name;
    output = await connector.run(source, ctx);
  }
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
  return { output: applyRowRules(output, ctx), sourceName, measures: known };
}

const NUL_AREA = "the figure's area has a NUL character (U+0000) in its code or name, which the hub does not store";

/**
 * The row rules (row-rules.ts) over everything a connector found, whatever the connector: a
 * figure that breaks one is rejected, with its line when one row gave it, and the run goes on.
 * Here too, once for every connector, text no store can hold (a NUL character): a figure whose
 * codes or note hold one is rejected like any other bad figure, an area whose code or name
 * holds one is not written (nor are its figures), and a rejected line keeps its text with each
 * NUL replaced, so that one bad row never fails the whole run on PostgreSQL.
 */
export function applyRowRules(
  output: ConnectorOutput,
  ctx: Pick<ConnectorContext, 'measures' | 'today'>,
): ConnectorOutput {
  const badAreas = new Set(output.areas.filter((a) => holdsNul(a.code) || holdsNul(a.name)).map((a) => a.code));
  const kept: ObservationInput[] = [];
  const rejected: RejectedInput[] = [];
  for (const o of output.observations) {
    const measure = ctx.measures.get(o.measureCode);
    const problem =
      textProblem(o) ??
      (badAreas.has(o.areaCode) ? NUL_AREA : null) ??
      (measure ? figureProblem(o, measure, ctx.today) : 'the measure is not one the hub knows');
    if (!problem) kept.push(o);
    else
      rejected.push({ line: o.line ?? 0, reason: problem, raw: o.raw ?? `${o.measureCode},${o.areaCode},${o.period}` });
  }
  const nulInRejected = output.rejected.some((r) => holdsNul(r.raw) || holdsNul(r.reason));
  if (!rejected.length && !badAreas.size && !nulInRejected) return output;
  return {
    ...output,
    areas: badAreas.size ? output.areas.filter((a) => !badAreas.has(a.code)) : output.areas,
    observations: kept,
    rejected: [...output.rejected, ...rejected]
      .map((r) => ({ line: r.line, reason: withoutNul(r.reason), raw: withoutNul(r.raw) }))
      .sort((a, b) => a.line - b.line),
  };
}

/** The figures the dataset delivered before within one part of a whole delivery, in a fixed order. */
async function deliveredBefore(ds: DataSource, datasetId: string, part: WholeDelivery): Promise<Figure[]> {
  if (!part.measures.length || !part.periods.length || (part.areas !== 'all' && !part.areas.length)) return [];
  const params: unknown[] = [datasetId, ...part.measures, ...part.periods];
  let sql =
    `SELECT "measure_code" AS "measureCode", "area_code" AS "areaCode", "period", "value", "numerator" FROM "observation"` +
    // dataset_id || '' keeps SQLite off the dataset_id index, which it would otherwise choose for
    // a handful of areas and then read every figure the dataset ever delivered (100 ms a run at
    // 260,000 police figures, the sample's LSOAs); the unique (measure, area, period) index
    // finds the few rows at once. PostgreSQL reads it the same way.
    ` WHERE "dataset_id" || '' = ${placeholder(ds, 1)} AND "withdrawn_at" IS NULL` +
    ` AND "measure_code" IN (${placeholders(ds, part.measures.length, 1)})` +
    ` AND "period" IN (${placeholders(ds, part.periods.length, 1 + part.measures.length)})`;
  if (part.areas !== 'all') {
    sql += ` AND "area_code" IN (${placeholders(ds, part.areas.length, params.length)})`;
    params.push(...part.areas);
  }
  // Ordered so that a refusal names the same figures first on either store.
  sql += ' ORDER BY "measure_code", "area_code", "period"';
  const rows = await rawRows<Figure>(ds, sql, params);
  const num = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({ ...r, value: num(r.value), numerator: num(r.numerator) }));
}

/** Refuses a whole-period delivery that drops figures the source gave before, or moves them too far. */
async function guardWhole(
  ds: DataSource,
  datasetId: string,
  output: ConnectorOutput,
  measures: ReadonlyMap<string, KnownMeasure>,
  maxChange: number,
): Promise<void> {
  if (!output.whole?.length) return;
  const before: Figure[] = [];
  for (const part of output.whole) before.push(...(await deliveredBefore(ds, datasetId, part)));
  const judgedMeasures = new Set(output.whole.flatMap((part) => part.measures));
  const delivered = output.observations.filter((o) => judgedMeasures.has(o.measureCode));
  // Counts are judged by their own size; rates and percentages by their numerators (whole-source.ts).
  const isCount = (code: string): boolean => measures.get(code)?.unit === Unit.COUNT;
  const found = suspicion(before, delivered, maxChange, isCount);
  if (!found) return;
  // The run's error, read by anyone, gives the figures' values only when every figure it names
  // is of a public measure; otherwise it names them by code, and the log has the values.
  const allPublic = suspectMeasures(found).every((code) => measures.get(code)?.access === MeasureAccess.PUBLIC);
  const full = describeSuspicion(found, maxChange);
  throw new SuspectDeliveryError(allPublic ? full : describeSuspicion(found, maxChange, false), full);
}

export async function runIngest(
  ds: DataSource,
  connector: AnyConnector,
  req: RunRequest,
  baseLogger: Logger,
): Promise<RunResult> {
  const datasetId = connector.dataset;
  const logger = baseLogger.child({ dataset: datasetId });
  let lease;
  let recorder: RunRecorder | null = null;
  try {
    lease = await acquireJobLock(ds, `ingest:${datasetId}`, req.timeoutMs + 60_000);
  } catch (err) {
    // No lease, so no run record either (a busy store would refuse it too): the result and the
    // log carry the cause.
    return failedBeforeRun(err, logger);
  }
  if (!lease) {
    logger.info('run skipped', { reason: SKIPPED_BUSY });
    return { status: 'SKIPPED', run: null, counts: null, error: SKIPPED_BUSY, changedMeasures: [], storeBusy: false };
  }
  try {
    if (lease.tookOverFrom) {
      const runs = await RunRecorder.markInterrupted(ds, datasetId);
      if (runs) logger.warn('earlier run interrupted', { dataset: datasetId, runs });
    }
    const sourceLabel = 'files' in req.source ? req.source.name : publishedName(req.source);
    recorder = await RunRecorder.start(ds, {
      datasetId,
      trigger: req.trigger,
      source: sourceLabel,
      forced: req.force,
    });
    logger.info('run started', { run: recorder.run.id, source: sourceLabel, trigger: req.trigger });
    return await readAndWrite(ds, connector, req, recorder, logger);
  } catch (err) {
    if (!recorder) return failedBeforeRun(err, logger);
    return await recordFailure(recorder, err, logger);
  } finally {
    await releaseLease(ds, lease, logger);
  }
}

/** A run that failed before its record could be written (taking the lease, or opening the record). */
function failedBeforeRun(err: unknown, logger: Logger): RunResult {
  const failure = runError(err);
  logger.error('run failed before it began', { error: failure.detail });
  return {
    status: RunStatus.FAILED,
    run: null,
    counts: null,
    error: failure.message,
    changedMeasures: [],
    storeBusy: isStoreBusy(err),
  };
}

async function recordFailure(recorder: RunRecorder, err: unknown, logger: Logger): Promise<RunResult> {
  const run = recorder.run;
  // The record gets what anyone may read; the log gets the whole of it (run-error.ts).
  const failure = runError(err);
  try {
    await recorder.failed(failure.message, failure.detail);
  } catch (recordErr) {
    // The store refused the record as well (busy again): the log keeps the cause, and the
    // run stays RUNNING until the job's next lease marks it interrupted.
    logger.error('run failure not recorded', { run: run.id, error: recordErr });
  }
  logger.error('run failed', {
    run: run.id,
    error: failure.detail,
    ...(failure.message === UNEXPECTED_RUN_ERROR ? { err: failure.error } : {}),
  });
  return {
    status: RunStatus.FAILED,
    run,
    counts: null,
    error: failure.message,
    changedMeasures: [],
    storeBusy: isStoreBusy(err),
  };
}

/** Releases the lease; a store busy at that moment gets a few more turns before the lease is left to expire. */
async function releaseLease(ds: DataSource, lease: Lease, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await releaseJobLock(ds, lease);
      return;
    } catch (err) {
      if (!isStoreBusy(err) || attempt === RELEASE_ATTEMPTS) {
        logger.error('job lease not released; it lapses when it expires', { job: lease.jobId, error: err });
        return;
      }
    }
  }
}

const RELEASE_ATTEMPTS = 3;

async function readAndWrite(
  ds: DataSource,
  connector: AnyConnector,
  req: RunRequest,
  recorder: RunRecorder,
  logger: Logger,
): Promise<RunResult> {
  const datasetId = connector.dataset;
  const run = recorder.run;
  const deadline = timeoutSignal(req.timeoutMs);
  try {
    const { output, sourceName, measures } = await readSource(ds, connector, req, deadline.signal, logger);
    if (req.force) logger.warn('run forced: the whole-source guard is not applied', { run: run.id });
    else await guardWhole(ds, datasetId, output, measures, req.maxChange ?? DEFAULT_MAX_CHANGE);
    const retrievedAt = new Date();
    // On SQLite a second connection, so that requests keep reading committed figures through
    // the serving one while this transaction is open; the writer yields between its chunks there.
    const writer = await bulkConnection(ds);
    const counts = await writer.transaction(async (m) => {
      await writeAreas(m, output.areas);
      const written = await writeObservations(
        m,
        output.observations,
        {
          datasetId,
          // A connector's figures are its dataset's word, whichever file or URL delivered them.
          sourceKey: datasetId,
          ingestRunId: run.id,
          sourceUrl: sourceName,
          retrievedAt,
        },
        { yieldBetweenChunks: writer !== ds },
      );
      await writeRejected(m, run.id, output.rejected);
      await recorder.succeeded(
        {
          rowsRead: output.rowsRead,
          rowsWritten: written.inserted + written.updated,
          rowsRejected: output.rejected.length,
        },
        m,
        output.notes ?? [],
      );
      return written;
    });
    for (const note of output.notes ?? []) logger.info('run note', { run: run.id, note });
    logger.info('run succeeded', {
      run: run.id,
      rowsRead: output.rowsRead,
      ...counts,
      rejected: output.rejected.length,
      ms: run.finishedAt!.getTime() - run.startedAt.getTime(),
    });
    const changedMeasures = counts.changedMeasures;
    if (changedMeasures.length && req.detectAlerts !== false) await req.figuresChanged.figures(changedMeasures, run.id);
    return { status: RunStatus.SUCCEEDED, run, counts, error: null, changedMeasures, storeBusy: false };
  } finally {
    deadline.clear();
  }
}
