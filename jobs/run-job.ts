import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Logger } from '../src/logging/logger';
import { createConnector } from '../src/ingest/connectors';
import type { FiguresChanged } from '../src/ingest/figures-changed';
import { runIngest, type RunResult } from '../src/ingest/ingest-runner';
import type { RetryPolicy } from '../src/ingest/source';
import type { JobSpec } from './job-config';

// Runs one declared job now: a file or a URL is one run; a folder is one run per file, in
// name order (monthly files sort by month). Each run is its own transaction. New alerts are
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

export function sourcesOf(spec: JobSpec): Array<{ file: string } | { url: string }> {
  const s = spec.source;
  if ('url' in s) return [{ url: s.url }];
  if ('file' in s) return [{ file: s.file }];
  if (!existsSync(s.folder)) return [];
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
  const sources = sourcesOf(spec);
  for (const source of sources) {
    const label = 'file' in source ? source.file : source.url;
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
