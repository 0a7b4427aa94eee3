import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { storeKind, type Settings } from './config/settings';
import { FiguresChanged } from './ingest/figures-changed';
import type { Logger } from './logging/logger';
import { loadGeography } from './geography/geography-loader';
import { loadReferenceData } from './reference/reference-loader';
import { startHubServer, type HubServer } from './server/hub-server';
import { openStore } from './store/data-source';
import { inTurns } from './store/start-up-turns';

export interface RunningHub extends HubServer {
  dataSource: DataSource;
  settings: Settings;
  /** The hub's one figures-changed hook: every door of the intake calls it. */
  figuresChanged: FiguresChanged;
}

/**
 * Work the process starts beside the hub: the start-up ingest and the schedule. It lives in
 * jobs/ (jobs/hub-jobs.ts); the process entry point hands it in, so nothing in src/ reaches
 * into jobs/ and figures keep their one way in, under src/ingest/.
 */
export interface HubJobs {
  /** Before the hub serves: e.g. ingest what has never run, so a fresh store has figures. */
  beforeServe(dataSource: DataSource, figuresChanged: FiguresChanged): Promise<void>;
  /** Once it serves: e.g. start the schedule. Returns how to stop what it started. */
  afterServe(dataSource: DataSource, figuresChanged: FiguresChanged): Promise<{ stop(): Promise<void> }>;
}

/**
 * Opens and migrates the store, loads the reference data, runs the jobs' start-up work, serves,
 * and starts the jobs' schedule. Stop closes all of it.
 */
export async function startHub(settings: Settings, logger: Logger, jobs: HubJobs | null = null): Promise<RunningHub> {
  const dataSource = await openStore(settings, logger);
  const figuresChanged = new FiguresChanged(dataSource, settings.smallCountThreshold, logger);
  let started: { stop(): Promise<void> } | null = null;
  try {
    if (settings.loadReferenceOnStart) {
      // Areas first: the plan files name districts, and are checked against the areas held.
      await inTurns('geography load', logger, () => loadGeography(dataSource, settings.geographyDir, logger));
      await inTurns('reference load', logger, () =>
        loadReferenceData(dataSource, settings.referenceDir, figuresChanged, logger),
      );
    }
    // Alerts and summaries a stopped process left undone after committing figures.
    await figuresChanged.redoPending();
    await jobs?.beforeServe(dataSource, figuresChanged);
    const server = await startHubServer({ settings, logger, dataSource, figuresChanged });
    logger.info('hub listening', { url: server.url, graphql: `${server.url}/graphql`, store: storeKind(settings) });
    started = (await jobs?.afterServe(dataSource, figuresChanged)) ?? null;
    return {
      ...server,
      dataSource,
      settings,
      figuresChanged,
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
