import { loadSettings } from '../config/settings';
import { createLogger } from '../logging/logger';
import { startGateway } from './gateway-server';

// npm run gateway: GATEWAY_SUBGRAPHS=hampshire=http://127.0.0.1:4001/graphql,gloucester=http://127.0.0.1:4002/graphql
process.env.APOLLO_TELEMETRY_DISABLED = '1';

async function main(): Promise<void> {
  const settings = loadSettings();
  const logger = createLogger(settings.logLevel, { service: 'gateway' });
  const gateway = await startGateway(settings, logger);
  const stop = (): void => {
    gateway.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'gateway failed to start', error: err instanceof Error ? err.message : String(err) })}\n`,
  );
  process.exit(1);
});
