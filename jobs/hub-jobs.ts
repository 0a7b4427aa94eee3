import type { DataSource } from 'typeorm';
import type { Settings } from '../src/config/settings';
import type { HubJobs } from '../src/hub';
import type { FiguresChanged } from '../src/ingest/figures-changed';
import type { Logger } from '../src/logging/logger';
import { inTurns } from '../src/store/start-up-turns';
import { recordSchedules } from './dataset-schedules';
import { loadJobSpecs } from './job-config';
import { startScheduler } from './scheduler';
import { ingestOnStart } from './startup-ingest';

/**
 * What a hub process starts beside serving, as its settings say: the jobs that have never run
 * (INGEST_ON_START) and the schedule (SCHEDULER). The schedule file is read now, so a mistake
 * in it stops the process before the store is touched.
 */
export function hubJobs(settings: Settings, logger: Logger): HubJobs {
  const specs = settings.ingestOnStart || settings.scheduler ? loadJobSpecs(settings.ingestScheduleFile) : [];
  return {
    beforeServe: async (ds: DataSource, figuresChanged: FiguresChanged) => {
      if (settings.ingestOnStart) await ingestOnStart(ds, specs, figuresChanged, logger);
    },
    afterServe: async (ds: DataSource, figuresChanged: FiguresChanged) => {
      if (!settings.scheduler) return { stop: async () => undefined };
      await inTurns('recording the schedule', logger, () => recordSchedules(ds, specs));
      return startScheduler(ds, specs, figuresChanged, logger, { busyRetrySeconds: settings.ingestBusyRetrySeconds });
    },
  };
}
