import type { DataSource } from 'typeorm';
import type { FiguresChanged } from '../src/ingest/figures-changed';
import type { RunResult } from '../src/ingest/ingest-runner';
import type { Logger } from '../src/logging/logger';
import type { JobSpec } from './job-config';
import { runJob } from './run-job';

// A scheduled job that failed because the store stayed busy with another write (a long ingest
// in another process, say) is run again later rather than waiting for its next cron time, which
// may be a day away: after INGEST_BUSY_RETRY_SECONDS, then twice and four times as long. Any
// other failure is not retried (a bad file stays bad). A job skipped because another process
// runs it is not retried either: that run is doing the work.

export const BUSY_RETRIES = 3;

/** Seconds before each retry, base doubling: 60 → [60, 120, 240]. 0 means no retries. */
export function busyRetryDelays(baseSeconds: number): number[] {
  if (baseSeconds <= 0) return [];
  return Array.from({ length: BUSY_RETRIES }, (_, i) => baseSeconds * 2 ** i);
}

export const wasStoreBusy = (results: RunResult[]): boolean => results.some((r) => r.storeBusy);

export interface BusyRetrier {
  /** Runs the job now, and again on the retry timers while the store is busy for it. Resolves when it runs no more. */
  run(spec: JobSpec): Promise<void>;
  /** Cancels retries not yet started and waits for any running. */
  stop(): Promise<void>;
}

export function busyRetrier(
  ds: DataSource,
  figuresChanged: FiguresChanged,
  baseSeconds: number,
  logger: Logger,
): BusyRetrier {
  const delays = busyRetryDelays(baseSeconds);
  const timers = new Set<NodeJS.Timeout>();
  const cancels = new Set<() => void>();
  let stopped = false;

  const later = (seconds: number): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        cancels.delete(cancel);
        resolve(true);
      }, seconds * 1000);
      const cancel = (): void => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      };
      timers.add(timer);
      cancels.add(cancel);
    });

  const running = new Set<Promise<void>>();
  const attempts = async (spec: JobSpec): Promise<void> => {
    for (let retry = 0; ; retry += 1) {
      const trigger = retry === 0 ? 'schedule' : `schedule: retry ${retry} of ${delays.length}, the store was busy`;
      const results = await runJob(ds, spec, { trigger, figuresChanged }, logger);
      if (!wasStoreBusy(results)) return;
      const delay = delays[retry];
      if (delay === undefined || stopped) {
        logger.error('job not retried again: the store stayed busy', { dataset: spec.dataset, retries: retry });
        return;
      }
      logger.warn('job retry scheduled: the store was busy', {
        dataset: spec.dataset,
        retry: retry + 1,
        of: delays.length,
        inSeconds: delay,
      });
      if (!(await later(delay))) return;
    }
  };

  return {
    run: (spec) => {
      const job = attempts(spec);
      running.add(job);
      return job.finally(() => running.delete(job));
    },
    stop: async () => {
      stopped = true;
      for (const cancel of [...cancels]) cancel();
      await Promise.all(running);
    },
  };
}
