import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { storeKind, type Settings } from './config/settings';
import type { Logger } from './logging/logger';
import { loadReferenceData } from './reference/reference-loader';
import { startHubServer, type HubServer } from './server/hub-server';
import { openStore } from './store/data-source';
import { loadJobSpecs } from '../jobs/job-config';
import { recordSchedules } from '../jobs/dataset-schedules';
import { startScheduler, type Scheduler } from '../jobs/scheduler';
import { ingestOnStart } from '../jobs/startup-ingest';

export interface RunningHub extends HubServer {
  dataSource: DataSource;
  settings: Settings;
}

/**
 * Opens and migrates the store, loads the reference data, runs the jobs that have never run
 * (the samples, on a fresh store), serves, and starts the schedule. Stop closes all of it.
 */
export async function startHub(settings: Settings, logger: Logger): Promise<RunningHub> {
  const dataSource = await openStore(settings, logger);
  let scheduler: Scheduler | null = null;
  try {
    if (settings.loadReferenceOnStart)
      await loadReferenceData(dataSource, settings.referenceDir, settings.smallCountThreshold, logger);
    const jobs = settings.ingestOnStart || settings.scheduler ? loadJobSpecs(settings.ingestScheduleFile) : [];
    if (settings.ingestOnStart) await ingestOnStart(dataSource, jobs, settings.smallCountThreshold, logger);
    const server = await startHubServer({ settings, logger, dataSource });
    logger.info('hub listening', { url: server.url, graphql: `${server.url}/graphql`, store: storeKind(settings) });
    if (settings.scheduler) {
      await recordSchedules(dataSource, jobs);
      scheduler = startScheduler(dataSource, jobs, settings.smallCountThreshold, logger);
    }
    return {
      ...server,
      dataSource,
      settings,
      stop: async () => {
        await scheduler?.stop();
        await server.stop();
        await dataSource.destroy();
      },
    };
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
}
