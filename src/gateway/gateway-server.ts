import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { issuingHub } from '../auth/api-keys';
import type { Settings } from '../config/settings';
import { ErrorCode } from '../errors/error-code';
import { errorBody, sendError } from '../server/error-response';
import { createFormatError } from '../errors/format-error';
import { limitsPlugin } from '../graphql/limits.plugin';
import type { Logger } from '../logging/logger';
import { presentedKey } from '../server/access';
import { composeSupergraph } from './compose';
import { HubDataSource, type GatewayContext } from './hub-data-source';
import { refusalStatusPlugin } from './refusal-status.plugin';

export interface RunningGateway {
  url: string;
  supergraphSdl: string;
  stop(): Promise<void>;
}

/**
 * Failures before GraphQL (a body over BODY_LIMIT, a body that is not JSON) answered as the hub
 * answers them: JSON with a code, never Express's HTML page with its stack trace and paths.
 */
function httpErrors(logger: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const status =
      typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) {
      logger.error('http error', { error: err });
      sendError(res, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error.');
      return;
    }
    const message = status === 413 ? 'The request body is too large.' : 'The request body is not valid JSON.';
    res.status(status).json(errorBody(ErrorCode.BAD_REQUEST, message));
  };
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
    // As on the hubs: a query by hash alone is PERSISTED_QUERY_NOT_SUPPORTED, and callers cannot
    // fill the gateway's memory with queries to keep.
    persistedQueries: false,
    formatError: createFormatError(logger),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // The hubs' depth and cost limits (the same settings), on the whole query: each hub sees
      // only its part of a query that crosses hubs, so only here is the whole of it priced.
      limitsPlugin(settings),
      refusalStatusPlugin(),
    ],
  });
  await apollo.start();
  app.disable('x-powered-by');
  // The caller's address (req.ip), passed on to every hub: a proxy in front of the gateway
  // is believed only when listed in the gateway's own TRUSTED_PROXIES, as on a hub.
  app.set('trust proxy', settings.trustedProxies.length > 0 ? settings.trustedProxies : false);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', subgraphs: settings.gatewaySubgraphs.map((s) => s.name) });
  });
  app.use(
    '/graphql',
    express.json({ limit: settings.bodyLimit }),
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
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GatewayContext> => ({
        apiKey: presentedKey(req),
        clientAddress: req.ip ?? req.socket.remoteAddress ?? null,
        refusals: [],
      }),
    }),
  );
  app.use((_req, res) => {
    sendError(res, ErrorCode.NOT_FOUND, 'No such path. The API is at /graphql.');
  });
  app.use(httpErrors(logger));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const url = `http://${settings.host}:${(server.address() as AddressInfo).port}`;
  logger.info('gateway listening', { url, subgraphs: settings.gatewaySubgraphs });
  return { url, supergraphSdl, stop: () => apollo.stop() };
}
