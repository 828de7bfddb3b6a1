import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { createApolloServer } from './graphql/apollo-server.js';
import { requestContexts } from './graphql/context.js';
import { unexpectedErrorMask } from './graphql/error-masking.js';
import { createGraphQLRoute } from './graphql/http-route.js';
import { loadSubgraphSchema } from './graphql/schema.js';
import { Observability } from './observability/observability.js';
import { ProviderHttpClient } from './providers/http/provider-http-client.js';
import { redisRateLimit } from './providers/http/redis-rate-limit.js';
import { providerRegistry } from './providers/registry.js';
import { connectSharedRedis, type SharedRedis } from './redis/shared-redis.js';
import { createHttpServer, createMetricsServer, routerSecretCheck } from './server/http-server.js';
import { listenAddressProblem, metricsPort as metricsPortSetting, subgraphPort, type PortSetting } from './server/listen-address.js';
import { Readiness } from './server/readiness.js';
import { RequestBodies } from './server/request-bodies.js';
import { localChangeBus } from './sessions/change-bus.js';
import { createFeedReader } from './sessions/feed-reads.js';
import { LocalPollSchedule } from './sessions/poll-schedule.js';
import { ProviderReadCache } from './sessions/provider-read-cache.js';
import { readCacheTtlPolicy } from './sessions/read-cache-ttl.js';
import { RedisChangeBus } from './sessions/redis-change-bus.js';
import { RedisPollSchedule } from './sessions/redis-poll-schedule.js';
import { RedisReadLevel } from './sessions/redis-read-level.js';
import { SessionRouter } from './sessions/router.js';
import { SessionFeed } from './sessions/session-feed.js';
import { SubscriptionAdmission } from './subscriptions/admission.js';
import { callbackTransportPlugin } from './subscriptions/callback-transport.js';
import { createEventStreamHandler } from './subscriptions/sse-transport.js';
import { SubscriptionOperations } from './subscriptions/subscription-operations.js';
import { attachWebSocketTransport } from './subscriptions/websocket-transport.js';
import { DeliveredEvents } from './webhooks/delivered-events.js';
import { createProviderWebhookRoutes } from './webhooks/webhook-routes.js';

export interface RunningSubgraph {
  /** Base URL, e.g. `http://127.0.0.1:4001`; GraphQL is at `${url}/graphql`. */
  url: string;
  server: Server;
  /** Where Prometheus scrapes, e.g. `http://127.0.0.1:4001/metrics` (or on `METRICS_PORT`). */
  metricsUrl: string;
  /** Stops accepting, lets in-flight requests finish (up to `SHUTDOWN_TIMEOUT_MS`), closes the provider pools and Redis. */
  close(): Promise<void>;
}

export interface SubgraphOptions {
  /** Every layer's log lines, at its level: `main.ts` hands the process's, tests one that keeps its lines. */
  logger: Logger;
  /** Receives every span, as if `OTEL_EXPORTER_OTLP_ENDPOINT` were set (tests use an in-memory exporter). */
  spanProcessor?: SpanProcessor;
  /** The read cache's time source for expiry (tests pass a clock they move by hand). */
  readCacheClock?: { now(): number };
}

/** Wires config → observability → Redis → HTTP client → provider clients → loaders → Apollo → HTTP server, and listens. */
export async function startSubgraph(config: Config, options: SubgraphOptions): Promise<RunningSubgraph> {
  const { logger } = options;
  const observability = new Observability({
    logger,
    otlpEndpoint: config.observability.otlpEndpoint,
    spanProcessor: options.spanProcessor,
  });
  const redis: SharedRedis | undefined = config.redis.url
    ? await connectSharedRedis({ url: config.redis.url, keyPrefix: config.redis.keyPrefix, timeoutMs: config.redis.timeoutMs, logger })
    : undefined;
  const http = new ProviderHttpClient({
    maxConnectionsPerOrigin: config.provider.maxConnectionsPerOrigin,
    timeoutMs: config.provider.timeoutMs,
    maxResponseBytes: config.provider.maxResponseBytes,
    retry: {
      maxRetries: config.provider.maxRetries,
      baseDelayMs: config.provider.retryBaseDelayMs,
      maxDelayMs: config.provider.retryMaxDelayMs,
    },
    endpointRateLimit: config.provider.endpointRateLimit,
    globalRateLimit: config.provider.globalRateLimit,
    queueTimeoutMs: config.provider.queueTimeoutMs,
    breaker: config.provider.breaker,
    ...(redis ? { rateLimits: redisRateLimit(redis, config.redis.fallbackReplicas) } : {}),
    recorder: observability.providerCalls,
    logger,
  });
  const providers = providerRegistry.flatMap((module) => {
    const section = config.providers[module.key];
    return section === undefined ? [] : [module.createClient(section, http, logger)];
  });
  const router = new SessionRouter(providers, providerRegistry);
  const accountOf = (sessionId: string) => router.accountOf(sessionId);
  const accounts = providers.map((provider) => provider.account);
  const reads = new ProviderReadCache({
    ...config.cache,
    ...(options.readCacheClock ? { clock: options.readCacheClock } : {}),
    recorder: observability.cache('process'),
    ...(redis
      ? {
          // One provider call's deadline: a replica that took a read's refresh lease and crashed holds the others up no longer.
          shared: new RedisReadLevel(redis, accountOf, accounts, logger, config.provider.timeoutMs),
          sharedRecorder: observability.cache('redis'),
        }
      : {}),
  });
  const ttlPolicy = readCacheTtlPolicy(config, providerRegistry);
  const feed = new SessionFeed({
    read: createFeedReader(router, reads, ttlPolicy, observability.subscriptions),
    checkId: (sessionId) => void router.providerFor(sessionId),
    schedule: redis ? new RedisPollSchedule(redis, accountOf, new LocalPollSchedule()) : new LocalPollSchedule(),
    bus: redis ? new RedisChangeBus(redis, accountOf, accounts) : localChangeBus,
    maxLifetimeMs: config.subscriptions.maxLifetimeMs,
  });
  const bodies = new RequestBodies(config.server.maxRequestBodyBytes, config.server.maxRequestBodiesInFlight);
  const webhookRoutes = createProviderWebhookRoutes(config.webhooks, config.providers, {
    bodies,
    evictSession: (sessionId) => reads.evictSession(sessionId),
    sessionsChanged: (changes) => feed.sessionsChanged(changes),
    deliveredEvents: new DeliveredEvents({
      // As long as a delivery of the event can still pass the timestamp check.
      memoryMs: (config.webhooks.toleranceSeconds + config.webhooks.futureSkewSeconds) * 1000,
      ...(redis ? { redis, accountOf: (providerKey: string) => providers.find((candidate) => candidate.key === providerKey)?.account } : {}),
    }),
    recorder: observability.webhooks,
    logger,
  }, providerRegistry);
  const admission = new SubscriptionAdmission(config.subscriptions);
  observability.subscriptions.countOpen(() => admission.openSubscriptions);
  const readiness = new Readiness({
    providerCircuits: () => Object.fromEntries(providers.map((provider) => [provider.label, http.circuitState(provider.label)])),
    ...(redis ? { redis: () => (redis.state === 'ok' ? 'ok' : 'degraded') } : {}),
    subscriptions: () => admission.openSubscriptions,
  });
  const schema = loadSubgraphSchema(logger);
  const maskError = unexpectedErrorMask(logger);
  const { createContext, createLoaders } = requestContexts({
    router,
    reads,
    ttlPolicy,
    concurrencyPerRequest: config.provider.concurrencyPerRequest,
    requestDeadlineMs: config.provider.requestDeadlineMs,
    orderIdMetadataKey: config.orderIdMetadataKey,
  });
  const operations = new SubscriptionOperations({
    schema,
    limits: config.graphql,
    feed,
    admission,
    createContext,
    createLoaders,
    maskError,
  });
  const callbacks = callbackTransportPlugin({
    operations,
    isRouter: config.server.routerSecret === undefined ? undefined : routerSecretCheck(config.server.routerSecret),
    logger: logger.child({ transport: 'callback' }),
    maskError,
    drainTimeoutMs: config.server.shutdownTimeoutMs,
    minHeartbeatMs: config.subscriptions.minCallbackHeartbeatMs,
  });
  const apollo = createApolloServer(schema, config.graphql, { logger, maskError, plugins: [observability.graphqlPlugin, callbacks] });
  await apollo.start();

  const { metricsPort } = config.observability;
  const server = createHttpServer({
    graphql: createGraphQLRoute({ apollo, createContext, bodies }),
    eventStream: createEventStreamHandler({ operations, admission, keepAliveMs: config.subscriptions.keepAliveMs }),
    bodies,
    timeouts: {
      headersMs: config.server.headersTimeoutMs,
      requestMs: config.server.requestBodyTimeoutMs,
      idleMs: config.server.idleTimeoutMs,
      keepAliveMs: config.server.keepAliveTimeoutMs,
    },
    corsOrigins: config.server.corsOrigins,
    routerSecret: config.server.routerSecret,
    routes: webhookRoutes,
    readiness: readiness.route,
    metrics: metricsPort === undefined ? observability.metrics : undefined,
    requests: observability.requests,
    logger,
  });
  const websockets = attachWebSocketTransport({
    server,
    operations,
    admission,
    isRouter: routerSecretCheck(config.server.routerSecret),
    maxPayloadBytes: config.server.maxRequestBodyBytes,
    keepAliveMs: config.subscriptions.keepAliveMs,
    maxBufferedBytes: config.subscriptions.maxBufferedBytes,
    logger: logger.child({ transport: 'graphql-ws' }),
  });
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${await listen(server, config.port, config.host, subgraphPort)}`;
  let metricsServer: Server | undefined;
  let metricsUrl = `${url}/metrics`;
  if (metricsPort !== undefined) {
    metricsServer = createMetricsServer(observability.metrics, logger);
    metricsUrl = `http://${host}:${await listen(metricsServer, metricsPort, config.host, metricsPortSetting)}/metrics`;
  }

  return {
    url,
    server,
    metricsUrl,
    async close() {
      readiness.markStopping();
      admission.stop();
      // Requests waiting for the provider budget are answered (their data, or RATE_LIMITED) before the sockets close.
      const { readinessDelayMs, shutdownTimeoutMs } = config.server;
      http.drainBy(performance.now() + readinessDelayMs + shutdownTimeoutMs - answerAllowanceMs(shutdownTimeoutMs));
      // Time for the load balancer's next probe to see /ready fail while this replica still serves.
      if (config.server.readinessDelayMs > 0) await delay(config.server.readinessDelayMs);
      // Every subscription gets its `complete`: SSE streams then end, WebSockets close once theirs are sent.
      feed.completeAll();
      const [finished] = await Promise.all([
        closeGracefully(server, config.server.shutdownTimeoutMs),
        websockets.close(config.server.shutdownTimeoutMs),
      ]);
      await apollo.stop();
      if (finished) await http.close();
      else await http.destroy();
      await redis?.close();
      if (metricsServer) await closeGracefully(metricsServer, 0);
      await observability.close();
    },
  };
}

/** The end of a drain's grace kept for writing the answers of the requests whose provider calls were refused. */
function answerAllowanceMs(shutdownTimeoutMs: number): number {
  return Math.min(500, shutdownTimeoutMs / 5);
}

/** Listens, turning a port in use or a host that is not this machine's into the user's words; answers the port. */
async function listen(server: Server, port: number, host: string, setting: PortSetting): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenAddressProblem(error, port, host, setting) ?? error));
    server.listen(port, host, resolve);
  });
  return (server.address() as AddressInfo).port;
}

/** Resolves true when every in-flight request finished within the grace period, false when some were cut off. */
async function closeGracefully(server: Server, graceMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const closed = new Promise<true>((resolve) => server.close(() => resolve(true)));
  // A keep-alive connection whose last response just finished would otherwise hold the close until it times out.
  const sweeper = setInterval(() => server.closeIdleConnections(), 25);
  server.closeIdleConnections();
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  const finished = await Promise.race([closed, expired]);
  clearTimeout(timer);
  clearInterval(sweeper);
  if (!finished) {
    server.closeAllConnections();
    await closed;
  }
  return finished;
}
