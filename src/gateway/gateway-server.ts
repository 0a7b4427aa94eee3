import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { issuingHub } from '../auth/api-keys';
import type { Settings } from '../config/settings';
import { ErrorCode } from '../errors/error-code';
import { sendError } from '../server/error-response';
import { createFormatError } from '../errors/format-error';
import type { Logger } from '../logging/logger';
import { presentedKey } from '../server/access';
import { composeSupergraph } from './compose';
import { HubDataSource, type GatewayContext } from './hub-data-source';

export interface RunningGateway {
  url: string;
  supergraphSdl: string;
  stop(): Promise<void>;
}

/** Composes the configured hubs and serves the supergraph at /graphql. */
export async function startGateway(settings: Settings, logger: Logger): Promise<RunningGateway> {
  // Apollo's usage reporting would call out; the gateway must reach only the listed hubs.
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const supergraphSdl = await composeSupergraph(settings.gatewaySubgraphs);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new HubDataSource(name, url as string),
  });
  const hubs = new Set(settings.gatewaySubgraphs.map((s) => s.name));
  const app = express();
  const server = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: settings.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(logger),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer: server })],
  });
  await apollo.start();
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', subgraphs: settings.gatewaySubgraphs.map((s) => s.name) });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    (req, res, next) => {
      // A key no hub here issued (or no key at all in form) is refused here, as a hub would.
      const key = presentedKey(req);
      const hub = key ? issuingHub(key) : null;
      if (key && (!hub || !hubs.has(hub))) {
        sendError(
          res,
          ErrorCode.UNAUTHENTICATED,
          'The API key is not valid here: it is malformed or issued by a hub this gateway does not serve.',
        );
        return;
      }
      next();
    },
    expressMiddleware(apollo, { context: async ({ req }): Promise<GatewayContext> => ({ apiKey: presentedKey(req) }) }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const url = `http://${settings.host}:${(server.address() as AddressInfo).port}`;
  logger.info('gateway listening', { url, subgraphs: settings.gatewaySubgraphs });
  return { url, supergraphSdl, stop: () => apollo.stop() };
}
