import { schedule, setLogger, type ScheduledTask } from 'node-cron';
import type { DataSource } from 'typeorm';
import { SETTINGS } from '../src/config/settings';
import type { FiguresChanged } from '../src/ingest/figures-changed';
import type { Logger } from '../src/logging/logger';
import type { JobSpec } from './job-config';
import { busyRetrier } from './busy-retries';

// The scheduler only runs declared jobs: each on its cron, never overlapping itself in this
// process (node-cron noOverlap) or across processes sharing the store (the job's lease). A run
// that failed because the store was busy is retried (busy-retries.ts); the cron's next firing
// waits while those retries are pending, so the job still never overlaps itself.

export interface Scheduler {
  stop(): Promise<void>;
}

/** node-cron's own messages (e.g. an execution skipped for overlap) as structured log lines. */
function routeCronLogs(logger: Logger): void {
  const log = logger.child({ component: 'node-cron' });
  setLogger({
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
    error: (message, err) => log.error(String(message), { error: err }),
    debug: (message) => log.debug(String(message)),
  });
}

export interface SchedulerOptions {
  /** INGEST_BUSY_RETRY_SECONDS: the first wait before a job the store was busy for runs again (0: never). */
  busyRetrySeconds: number;
}

export function startScheduler(
  ds: DataSource,
  specs: JobSpec[],
  figuresChanged: FiguresChanged,
  logger: Logger,
  options: SchedulerOptions = { busyRetrySeconds: Number(SETTINGS.ingestBusyRetrySeconds.default) },
): Scheduler {
  routeCronLogs(logger);
  const retrier = busyRetrier(ds, figuresChanged, options.busyRetrySeconds, logger);
  const tasks: ScheduledTask[] = specs.map((spec) =>
    schedule(
      spec.cron,
      async () => {
        await retrier
          .run(spec)
          .catch((err: unknown) => logger.error('scheduled job failed', { dataset: spec.dataset, error: err }));
      },
      { name: `ingest:${spec.dataset}`, noOverlap: true },
    ),
  );
  logger.info('scheduler started', { jobs: specs.map((s) => ({ dataset: s.dataset, cron: s.cron })) });
  return {
    stop: async () => {
      await Promise.all(tasks.map((t) => t.destroy()));
      await retrier.stop();
    },
  };
}
