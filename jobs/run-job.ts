import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Logger } from '../src/logging/logger';
import { createConnector } from '../src/ingest/connectors';
import type { FiguresChanged } from '../src/ingest/figures-changed';
import type { AnyConnector } from '../src/ingest/connector';
import { runIngest, type RunResult, type RunSource } from '../src/ingest/ingest-runner';
import { filesInFolder, withoutGz } from '../src/ingest/source-files';
import type { RetryPolicy } from '../src/ingest/source';
import type { JobSpec } from './job-config';

// Runs one declared job now: a file, an archive or a URL is one run; a folder is one run per
// file, in name order (monthly files sort by month), or, for police street files, one per month. Each run is its own transaction. New alerts are
// looked for once, after the last run, over every measure the job changed: not after each
// file, which would chart a history still half loaded.

export interface JobRunOptions {
  trigger: string;
  retry?: RetryPolicy;
  onProgress?: (file: string, rowsRead: number) => void;
  /** The process's one figures-changed hook. */
  figuresChanged: FiguresChanged;
  /** Load deliveries the whole-source guard finds suspect (the CLI's --force). */
  force?: boolean;
}

/** A folder's month of street files is the part of a name before its force: 2022-02-kent-street.csv. */
const monthOf = (path: string): string => /(\d{4}-\d{2})-[^/\\]*$/.exec(path)?.[1] ?? basename(path);

export async function sourcesOf(spec: JobSpec, connector: AnyConnector): Promise<RunSource[]> {
  const s = spec.source;
  if ('url' in s) return [{ url: s.url }];
  if ('file' in s) return [{ file: s.file }];
  if (!existsSync(s.folder)) return [];
  if (connector.kind !== 'api' && connector.files) {
    // A connector that reads many files takes a folder a month at a time: every force's file of
    // a month in one run (below the folder too, as an archive unpacks), so that the month's
    // national totals can be worked out; each month is its own run, as each file was before.
    // A zip archive in the folder is a run of its own.
    const byMonth = new Map<string, string[]>();
    for (const file of await filesInFolder(s.folder, connector.files.wants))
      byMonth.set(monthOf(withoutGz(file)), [...(byMonth.get(monthOf(withoutGz(file))) ?? []), file]);
    const months: RunSource[] = [...byMonth]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, files]) =>
        files.length === 1 ? { file: files[0]! } : { files, name: `${basename(s.folder)} ${month}` },
      );
    const archives = readdirSync(s.folder)
      .filter((f) => /\.zip$/i.test(f))
      .sort()
      .map((f) => ({ file: join(s.folder, f) }));
    return [...months, ...archives];
  }
  return readdirSync(s.folder)
    .filter((f) => /\.(csv|json)$/i.test(f))
    .sort()
    .map((f) => ({ file: join(s.folder, f) }));
}

export async function runJob(
  ds: DataSource,
  spec: JobSpec,
  options: JobRunOptions,
  logger: Logger,
): Promise<RunResult[]> {
  const connector = createConnector(spec.dataset, spec.options);
  const results: RunResult[] = [];
  const sources = await sourcesOf(spec, connector);
  for (const source of sources) {
    const label = 'file' in source ? source.file : 'url' in source ? source.url : source.name;
    const result = await runIngest(
      ds,
      connector,
      {
        source,
        trigger: options.trigger,
        timeoutMs: spec.timeoutSeconds * 1000,
        retry: options.retry,
        onProgress: (rows) => options.onProgress?.(label, rows),
        detectAlerts: sources.length === 1,
        figuresChanged: options.figuresChanged,
        force: options.force === true || spec.forced === true,
        maxChange: spec.maxChange,
      },
      logger,
    );
    results.push(result);
    // Someone else is running this job, or the store is too busy for it: the rest waits too.
    if (result.status === 'SKIPPED' || result.storeBusy) break;
  }
  const changed = [...new Set(results.flatMap((r) => r.changedMeasures))];
  const lastRun = [...results].reverse().find((r) => r.run)?.run;
  if (sources.length > 1 && changed.length && lastRun) await options.figuresChanged.figures(changed, lastRun.id);
  return results;
}
