import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { Config } from './config.js';
import { createApolloServer } from './graphql/apollo-server.js';
import { ResponseCacheHints } from './graphql/cache-hints.js';
import { listenAddressProblem } from './listen-address.js';
import type { CheckoutProvider } from './providers/checkout-provider.js';
import { ConvergeGateClient } from './providers/convergegate/client.js';
import { ProviderHttpClient } from './providers/http.js';
import { StripeClient } from './providers/stripe/client.js';
import { Readiness } from './readiness.js';
import { createHttpServer } from './server.js';
import { cacheTtlPolicy } from './sessions/cache-ttl.js';
import { createSessionLoaders } from './sessions/loaders.js';
import { ProviderReadCache } from './sessions/provider-read-cache.js';
import { SessionRouter } from './sessions/router.js';
import { createProviderWebhookRoutes } from './webhooks/webhook-routes.js';

export interface RunningSubgraph {
  /** Base URL, e.g. `http://127.0.0.1:4001`; GraphQL is at `${url}/graphql`. */
  url: string;
  server: Server;
  /** Stops accepting, lets in-flight requests finish (up to `SHUTDOWN_TIMEOUT_MS`), closes the provider pools. */
  close(): Promise<void>;
}

/** Wires config → HTTP client → provider clients → loaders → Apollo → HTTP server, and listens. */
export async function startSubgraph(config: Config): Promise<RunningSubgraph> {
  const http = new ProviderHttpClient({
    maxConnectionsPerOrigin: config.provider.maxConnectionsPerOrigin,
    timeoutMs: config.provider.timeoutMs,
    maxResponseBytes: config.provider.maxResponseBytes,
    retry: {
      maxRetries: config.provider.maxRetries,
      baseDelayMs: config.provider.retryBaseDelayMs,
      maxDelayMs: config.provider.retryMaxDelayMs,
    },
    rateLimitPerSecond: config.provider.rateLimitPerSecond,
    queueTimeoutMs: config.provider.queueTimeoutMs,
    breaker: config.provider.breaker,
  });
  const providers: CheckoutProvider[] = [];
  if (config.stripe.secretKey) {
    providers.push(new StripeClient(http, { ...config.stripe, secretKey: config.stripe.secretKey }));
  }
  const { secretKey: convergeGateKey, apiUrl: convergeGateUrl } = config.convergeGate;
  if (convergeGateKey && convergeGateUrl) {
    providers.push(new ConvergeGateClient(http, { secretKey: convergeGateKey, apiUrl: convergeGateUrl }));
  }
  const router = new SessionRouter(providers);
  const reads = new ProviderReadCache(config.cache);
  const ttlPolicy = cacheTtlPolicy(config);
  const webhookRoutes = createProviderWebhookRoutes(config.webhooks, {
    maxBodyBytes: config.server.maxRequestBodyBytes,
    evictSession: (sessionId) => reads.evictSession(sessionId),
  });
  const readiness = new Readiness({
    providerCircuits: () => Object.fromEntries(providers.map((provider) => [provider.displayName, http.circuitState(provider.displayName)])),
  });
  const apollo = createApolloServer(config.graphql);
  await apollo.start();

  const server = createHttpServer({
    apollo,
    createContext: () => ({
      loaders: createSessionLoaders(router, {
        concurrencyPerRequest: config.provider.concurrencyPerRequest,
        reads,
        ttlPolicy,
      }),
      cacheHints: new ResponseCacheHints(),
      orderIdMetadataKey: config.orderIdMetadataKey,
    }),
    maxRequestBodyBytes: config.server.maxRequestBodyBytes,
    corsOrigins: config.server.corsOrigins,
    routerSecret: config.server.routerSecret,
    routes: new Map([...webhookRoutes, ['/ready', readiness.route]]),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenAddressProblem(error, config.port, config.host) ?? error));
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  return {
    url: `http://${host}:${port}`,
    server,
    async close() {
      readiness.markStopping();
      // Time for the load balancer's next probe to see /ready fail while this replica still serves.
      if (config.server.readinessDelayMs > 0) await delay(config.server.readinessDelayMs);
      const finished = await closeGracefully(server, config.server.shutdownTimeoutMs);
      await apollo.stop();
      if (finished) await http.close();
      else await http.destroy();
    },
  };
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
