import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config.js';
import type { JobQueue } from '../jobs/queue.js';
import { logger, type Logger } from '../logger.js';
import { Authenticator, AuthenticationFailed, type Viewer } from './auth.js';
import { type Context, makeContext } from './context.js';
import { makeFormatError } from './errors.js';
import { limitsRule } from './limits.js';
import { OperationMetrics } from './metrics.js';
import { errorLoggingPlugin, metricsPlugin, rejectNulVariablesPlugin, requestHygieneRules, serviceUnavailablePlugin } from './plugins.js';
import { getSchema } from './schema.js';

export interface AppServer {
  server: http.Server;
  apollo: ApolloServer<Context>;
  url: string;
  /** Per-operation timings (also served at /metrics when enabled). */
  metrics: OperationMetrics;
  /** Stop accepting, let in-flight requests finish (up to `graceMs`), then close. */
  stop(graceMs?: number): Promise<void>;
}

export interface ServerOptions {
  config: AppConfig;
  orm: MikroORM;
  /** Clock for the domain; tests inject one to move time. */
  now?: () => Date;
  /** Background job queue (match runs); null runs everything in-request. */
  jobs?: JobQueue | null;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export async function createServer(opts: ServerOptions): Promise<AppServer> {
  const { config, orm } = opts;
  const now = opts.now ?? (() => new Date());
  const auth = new Authenticator(config);
  const schema = await getSchema();
  const metrics = new OperationMetrics();
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.exposeStackTraces,
    formatError: makeFormatError(config.exposeStackTraces),
    csrfPrevention: true,
    parseOptions: { maxTokens: config.maxTokens },
    validationRules: [limitsRule({ maxDepth: config.maxDepth, maxAliases: config.maxAliases, maxCost: config.maxCost }), ...requestHygieneRules],
    plugins: [
      // No cache hints are used (POST GraphQL is not HTTP-cached); the default cache-control plugin
      // would otherwise wrap every field resolver in a hook, on every request.
      ApolloServerPluginCacheControlDisabled(),
      errorLoggingPlugin(),
      rejectNulVariablesPlugin(),
      serviceUnavailablePlugin(),
      ...(config.metrics ? [metricsPlugin(metrics)] : []),
      config.landingPage
        ? config.production
          ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
          : ApolloServerPluginLandingPageLocalDefault({ footer: false, embed: true })
        : ApolloServerPluginLandingPageDisabled(),
    ],
    logger: {
      debug: (m) => logger.debug({ component: 'apollo' }, String(m)),
      info: (m) => logger.info({ component: 'apollo' }, String(m)),
      warn: (m) => logger.warn({ component: 'apollo' }, String(m)),
      error: (m) => logger.error({ component: 'apollo' }, String(m)),
    },
  });
  await apollo.start();

  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | null = null;

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = (typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID());
    res.setHeader('x-request-id', requestId);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'Malformed request URL.', extensions: { code: 'BAD_REQUEST' } }] });
    }
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/metrics' && config.metrics) {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      return void res.end(metrics.render());
    }
    if (url.pathname === '/readyz') {
      if (draining) return sendJson(res, 503, { status: 'draining' });
      try {
        await orm.em.getConnection().execute('select 1');
        return sendJson(res, 200, { status: 'ready' });
      } catch {
        return sendJson(res, 503, { status: 'database unavailable' });
      }
    }
    if (url.pathname !== '/graphql' && url.pathname !== '/') return sendJson(res, 404, { error: 'Not found. GraphQL is at /graphql.' });
    if (draining) return sendJson(res, 503, { errors: [{ message: 'Server is shutting down; retry.' }] }, { connection: 'close' });

    let log: Logger | null = null;
    const requestLog = () => (log ??= logger.child({ requestId }));
    const started = performance.now();
    let body: string;
    try {
      body = req.method === 'POST' ? await readBody(req, config.maxBodyBytes) : '';
    } catch (err) {
      // The rest of the body is never read: close the connection so it cannot be mistaken for the next request.
      if (err instanceof BodyTooLarge) return sendJson(res, 413, { errors: [{ message: `Request body over ${config.maxBodyBytes} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, { connection: 'close' });
      throw err;
    }
    let viewer: Viewer | null;
    try {
      viewer = await auth.verifyAuthorizationHeader(req.headers.authorization);
    } catch (err) {
      const message = err instanceof AuthenticationFailed ? err.message : 'invalid token';
      return sendJson(res, 401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Bearer' });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let parsedBody: unknown = undefined;
    const contentType = headers.get('content-type') ?? '';
    if (req.method === 'POST' && contentType.startsWith('application/json')) {
      try {
        parsedBody = body.length ? JSON.parse(body) : undefined;
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
      }
    } else if (req.method === 'POST') {
      parsedBody = body;
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body: parsedBody },
      context: async () => makeContext({ fork: () => orm.em.fork({ useContext: false }) as Context['em'], logger: requestLog, viewer, requestId, now, orm, jobs: opts.jobs ?? null }),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
    // The child logger decides (its level may differ from the root's); creating it costs about a microsecond.
    const done = requestLog();
    if (done.isLevelEnabled('debug')) done.debug({ status: res.statusCode, ms: Math.round(performance.now() - started) }, 'graphql request');
  };

  const server = http.createServer((req, res) => {
    inFlight++;
    handler(req, res)
      .catch((err: unknown) => {
        logger.error({ err, requestId: res.getHeader('x-request-id') }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        else res.end();
      })
      .finally(() => {
        inFlight--;
        if (draining && inFlight === 0) drained?.();
      });
  });
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql`;

  return {
    server,
    apollo,
    url,
    metrics,
    stop: async (graceMs = 10_000) => {
      draining = true;
      server.close();
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => (drained = r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
      }
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}
