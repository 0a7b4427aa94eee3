import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { PROJECT_ROOT } from '../config/project-root';
import { storeKind, type Settings } from '../config/settings';
import { ErrorCode } from '../errors/error-code';
import { createFormatError } from '../errors/format-error';
import { createContext, type HubContext } from '../graphql/context';
import { cacheRulesPlugin } from '../graphql/cache.plugin';
import { inputPlugin } from '../graphql/input.plugin';
import { limitsPlugin } from '../graphql/limits.plugin';
import { buildHubSchema } from '../graphql/schema';
import { buildHubSubgraphSchema, entityReferenceRule } from '../federation/subgraph';
import { statsPlugin } from '../graphql/stats.plugin';
import type { Logger } from '../logging/logger';
import type { FiguresChanged } from '../ingest/figures-changed';
import { createServices } from '../services/services';
import { statementScopeMiddleware } from '../store/query-counter';
import { accessMiddleware, principalOf, timeoutMiddleware, varyOnKeyMiddleware } from './access';
import { corsMiddleware } from './cors';
import { errorBody, sendError } from './error-response';
import { explorerRouter } from './explorer';
import { exportRouter } from './export.router';
import { submissionRouter } from './submission.router';

/** The dashboard's page, styles and script: served as files from the source tree. */
const DASHBOARD_DIR = join(PROJECT_ROOT, 'src', 'server', 'dashboard');

export interface HubServer {
  url: string;
  server: Server;
  schema: GraphQLSchema;
  /** Runs an operation through the GraphQL pipeline in this process, without HTTP (benchmarks). */
  execute(query: string, variables: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

export interface HubDeps {
  settings: Settings;
  logger: Logger;
  dataSource: DataSource;
  /** The process's one figures-changed hook, for the figures that arrive over HTTP. */
  figuresChanged: FiguresChanged;
}

/** What the body parsers (express.json, express.text) say went wrong, by their error's `type`. */
function bodyFault(err: unknown): { status: number; type: string } {
  const field = (name: string): unknown =>
    typeof err === 'object' && err !== null && name in err ? (err as Record<string, unknown>)[name] : undefined;
  const status = field('status');
  const type = field('type');
  return { status: typeof status === 'number' ? status : 500, type: typeof type === 'string' ? type : '' };
}

/**
 * Body-parser and other HTTP-level failures, answered as GraphQL-shaped JSON without a stack.
 * Each says what was wrong with the body in the hub's words, never the parser's (which quote
 * the charset or the text that failed to parse).
 */
function httpErrorHandler(logger: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const { status, type } = bodyFault(err);
    if (status >= 500) {
      logger.error('http error', { error: err });
      sendError(res, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error.');
      return;
    }
    if (type === 'charset.unsupported')
      return sendError(
        res,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        "The request body's charset (in Content-Type) is not one this path reads: send UTF-8.",
      );
    if (type === 'encoding.unsupported')
      return sendError(
        res,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        "The request body's Content-Encoding is not supported: send it as it is, or gzip, deflate or br.",
      );
    if (status === 413) {
      res.status(413).json(errorBody(ErrorCode.BAD_REQUEST, 'The request body is too large.'));
      return;
    }
    sendError(
      res,
      ErrorCode.BAD_REQUEST,
      type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : 'The request body could not be read.',
    );
  };
}

async function health(ds: DataSource, settings: Settings, res: Response): Promise<void> {
  try {
    await ds.query('SELECT 1');
    res.json({ status: 'ok', store: storeKind(settings) });
  } catch {
    res.status(503).json({ status: 'unavailable', store: storeKind(settings) });
  }
}

export async function startHubServer({ settings, logger, dataSource, figuresChanged }: HubDeps): Promise<HubServer> {
  const base = await buildHubSchema();
  const schema = settings.federation ? buildHubSubgraphSchema(base, settings.hubId) : base;
  const app = express();
  const server = createServer(app);
  const services = createServices(dataSource, figuresChanged, logger);
  const apollo = new ApolloServer<HubContext>({
    schema,
    introspection: settings.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    persistedQueries: false,
    validationRules: settings.federation ? [entityReferenceRule(settings.hubId)] : [],
    formatError: createFormatError(logger),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ...(settings.federation ? [ApolloServerPluginInlineTraceDisabled()] : []),
      // Before the limits: a string no store can hold is refused first, whatever its query's cost.
      inputPlugin(),
      limitsPlugin(settings),
      // A read gets CACHE_MAX_AGE (no-store at 0); cacheRulesPlugin makes it private with a key
      // and a mutation no-store. Apollo's own plugin, hints and all: its per-field hook measured
      // within 10% of the hub's former stand-in under bench:load.
      ApolloServerPluginCacheControl({ defaultMaxAge: settings.cacheMaxAge }),
      cacheRulesPlugin<HubContext>(),
      ...(settings.queryStats ? [statsPlugin()] : []),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  // Whose address a request is (req.ip, which the rate limit counts by): the socket's, unless
  // it comes from a listed proxy, which says in X-Forwarded-For whose request it passes on.
  app.set('trust proxy', settings.trustedProxies.length > 0 ? settings.trustedProxies : false);
  app.get('/healthz', (_req, res) => health(dataSource, settings, res));
  app.get('/', (_req, res) => res.sendFile(join(DASHBOARD_DIR, 'index.html')));
  app.use('/dashboard', express.static(DASHBOARD_DIR, { index: false, maxAge: '1h' }));
  const guard = [
    varyOnKeyMiddleware(),
    timeoutMiddleware(settings.requestTimeoutMs),
    accessMiddleware(dataSource, settings.hubId, settings.rateLimitPerMinute),
  ];
  // CORS first: a preflight is answered before any key, limit or body is looked at, and every
  // answer after it (errors too) carries the headers a listed origin needs to read it.
  app.use(
    '/export',
    corsMiddleware(settings.corsOrigins, ['GET', 'HEAD']),
    ...guard,
    exportRouter(dataSource, services, logger, settings.cacheMaxAge, settings.smallCountThreshold),
  );
  app.use(
    '/submissions',
    corsMiddleware(settings.corsOrigins, ['POST']),
    ...guard,
    submissionRouter(services.submissions, settings.bodyLimit, logger),
  );
  app.use('/explorer', explorerRouter());
  app.use(
    '/graphql',
    corsMiddleware(settings.corsOrigins, ['GET', 'POST']),
    // Only with QUERY_STATS: the scope is an AsyncLocalStorage, whose hooks tax every promise.
    ...(settings.queryStats ? [statementScopeMiddleware] : []),
    ...guard,
    express.json({ limit: settings.bodyLimit }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<HubContext> => createContext(dataSource, services, settings, principalOf(req)),
    }),
  );
  app.use((_req, res) => {
    sendError(res, ErrorCode.NOT_FOUND, 'No such path. The API is at /graphql.');
  });
  app.use(httpErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${settings.host}:${address.port}`;
  return {
    url,
    server,
    schema,
    execute: async (query, variables) => {
      const res = await apollo.executeOperation(
        { query, variables },
        { contextValue: createContext(dataSource, services, settings, null) },
      );
      return res.body.kind === 'single' ? res.body.singleResult : null;
    },
    stop: async () => {
      await apollo.stop();
    },
  };
}
