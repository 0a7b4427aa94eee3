import { schedule, setLogger, type ScheduledTask } from 'node-cron';
import type { DataSource } from 'typeorm';
import type { FiguresChanged } from '../src/ingest/figures-changed';
import type { Logger } from '../src/logging/logger';
import type { JobSpec } from './job-config';
import { runJob } from './run-job';

// The scheduler only runs declared jobs: each on its cron, never overlapping itself in this
// process (node-cron noOverlap) or across processes sharing the store (the job's lease).

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

export function startScheduler(
  ds: DataSource,
  specs: JobSpec[],
  figuresChanged: FiguresChanged,
  logger: Logger,
): Scheduler {
  routeCronLogs(logger);
  const running = new Set<Promise<unknown>>();
  const tasks: ScheduledTask[] = specs.map((spec) =>
    schedule(
      spec.cron,
      async () => {
        const job = runJob(ds, spec, { trigger: 'schedule', figuresChanged }, logger).catch((err: unknown) =>
          logger.error('scheduled job failed', { dataset: spec.dataset, error: err }),
        );
        running.add(job);
        await job;
        running.delete(job);
      },
      { name: `ingest:${spec.dataset}`, noOverlap: true },
    ),
  );
  logger.info('scheduler started', { jobs: specs.map((s) => ({ dataset: s.dataset, cron: s.cron })) });
  return {
    stop: async () => {
      await Promise.all(tasks.map((t) => t.destroy()));
      await Promise.all(running);
    },
  };
}
