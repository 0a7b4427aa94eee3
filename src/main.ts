import 'reflect-metadata';
import { loadSettings } from './config/settings';
import { startHub } from './hub';
import { createLogger } from './logging/logger';
// The process entry point is the one place in src/ that may import from jobs/: it starts both.
import { hubJobs } from '../jobs/hub-jobs';

async function main(): Promise<void> {
  const settings = loadSettings();
  const logger = createLogger(settings.logLevel, { service: 'hub' });
  const hub = await startHub(settings, logger, hubJobs(settings, logger));
  const shutdown = (signal: string): void => {
    logger.info('shutting down', { signal });
    hub.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('shutdown failed', { error: err });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'hub failed to start', error: err instanceof Error ? err.message : String(err) })}\n`,
  );
  process.exit(1);
});
