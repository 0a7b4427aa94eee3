import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { storeKind, type Settings } from './config/settings';
import type { Logger } from './logging/logger';
import { loadReferenceData } from './reference/reference-loader';
import { startHubServer, type HubServer } from './server/hub-server';
import { openStore } from './store/data-source';

export interface RunningHub extends HubServer {
  dataSource: DataSource;
}

/** Opens and migrates the store, loads the reference data, and serves. Stop closes all of it. */
export async function startHub(settings: Settings, logger: Logger): Promise<RunningHub> {
  const dataSource = await openStore(settings, logger);
  try {
    if (settings.loadReferenceOnStart) await loadReferenceData(dataSource, settings.referenceDir, logger);
    const server = await startHubServer({ settings, logger, dataSource });
    logger.info('hub listening', { url: server.url, graphql: `${server.url}/graphql`, store: storeKind(settings) });
    return {
      ...server,
      dataSource,
      stop: async () => {
        await server.stop();
        await dataSource.destroy();
      },
    };
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
}
