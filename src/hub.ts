import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { storeKind, type Settings } from './config/settings';
import type { Logger } from './logging/logger';
import { loadReferenceData } from './reference/reference-loader';
import { startHubServer, type HubServer } from './server/hub-server';
import { openStore } from './store/data-source';

export interface RunningHub extends HubServer {
  dataSource: DataSource;
  settings: Settings;
}

/**
 * Work the process starts beside the hub: the start-up ingest and the schedule. It lives in
 * jobs/ (jobs/hub-jobs.ts); the process entry point hands it in, so nothing in src/ reaches
 * into jobs/ and figures keep their one way in, under src/ingest/.
 */
export interface HubJobs {
  /** Before the hub serves: e.g. ingest what has never run, so a fresh store has figures. */
  beforeServe(dataSource: DataSource): Promise<void>;
  /** Once it serves: e.g. start the schedule. Returns how to stop what it started. */
  afterServe(dataSource: DataSource): Promise<{ stop(): Promise<void> }>;
}

/**
 * Opens and migrates the store, loads the reference data, runs the jobs' start-up work, serves,
 * and starts the jobs' schedule. Stop closes all of it.
 */
export async function startHub(settings: Settings, logger: Logger, jobs: HubJobs | null = null): Promise<RunningHub> {
  const dataSource = await openStore(settings, logger);
  let started: { stop(): Promise<void> } | null = null;
  try {
    if (settings.loadReferenceOnStart)
      await loadReferenceData(dataSource, settings.referenceDir, settings.smallCountThreshold, logger);
    await jobs?.beforeServe(dataSource);
    const server = await startHubServer({ settings, logger, dataSource });
    logger.info('hub listening', { url: server.url, graphql: `${server.url}/graphql`, store: storeKind(settings) });
    started = (await jobs?.afterServe(dataSource)) ?? null;
    return {
      ...server,
      dataSource,
      settings,
      stop: async () => {
        await started?.stop();
        await server.stop();
        await dataSource.destroy();
      },
    };
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
}
