import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { createApolloServer } from './graphql/apollo-server.js';
import type { CheckoutProvider } from './providers/checkout-provider.js';
import { ConvergeGateClient } from './providers/convergegate/client.js';
import { ProviderHttpClient } from './providers/http.js';
import { StripeClient } from './providers/stripe/client.js';
import { createHttpServer } from './server.js';
import { createSessionLoaders } from './sessions/loaders.js';
import { SessionRouter } from './sessions/router.js';

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
  const { secretKey: convergeGateKey, apiUrl: convergeGateUrl } = config.convergeGate;
  if (convergeGateKey && convergeGateUrl) {
    providers.push(new ConvergeGateClient(http, { secretKey: convergeGateKey, apiUrl: convergeGateUrl }));
  }
  const router = new SessionRouter(providers);
  const apollo = createApolloServer();
  await apollo.start();

  const server = createHttpServer({
    apollo,
    createContext: () => ({
      loaders: createSessionLoaders(router, { concurrencyPerRequest: config.provider.concurrencyPerRequest }),
      orderIdMetadataKey: config.orderIdMetadataKey,
    }),
    maxRequestBodyBytes: config.server.maxRequestBodyBytes,
    corsOrigins: config.server.corsOrigins,
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
