import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { createApolloServer } from './graphql/apollo-server.js';
import type { CheckoutProvider } from './providers/checkout-provider.js';
import { ProviderHttpClient } from './providers/http.js';
import { StripeClient } from './providers/stripe/client.js';
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
  close(): Promise<void>;
}

/** Wires config → HTTP client → provider clients → loaders → Apollo → HTTP server, and listens. */
export async function startSubgraph(config: Config): Promise<RunningSubgraph> {
  const http = new ProviderHttpClient({
    maxConnectionsPerOrigin: config.provider.maxConnectionsPerOrigin,
    timeoutMs: config.provider.timeoutMs,
  });
  const providers: CheckoutProvider[] = [];
  if (config.stripe.secretKey) {
    providers.push(new StripeClient(http, { ...config.stripe, secretKey: config.stripe.secretKey }));
  }
  const router = new SessionRouter(providers);
  const reads = new ProviderReadCache(config.cache);
  const ttlPolicy = cacheTtlPolicy(config);
  const webhookRoutes = createProviderWebhookRoutes(config.webhooks, {
    maxBodyBytes: config.server.maxRequestBodyBytes,
    evictSession: (sessionId) => reads.evictSession(sessionId),
  });
  const apollo = createApolloServer();
  await apollo.start();

  const server = createHttpServer({
    apollo,
    createContext: () => ({
      loaders: createSessionLoaders(router, {
        concurrencyPerRequest: config.provider.concurrencyPerRequest,
        reads,
        ttlPolicy,
      }),
    }),
    maxRequestBodyBytes: config.server.maxRequestBodyBytes,
    corsOrigins: config.server.corsOrigins,
    routes: webhookRoutes,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

  return {
    url: `http://${host}:${port}`,
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
      await http.close();
    },
  };
}
