import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { SubgraphDefinition } from './gateway.js';

export interface RunningHiveGateway {
  /** GraphQL endpoint, queries and subscriptions alike; GraphiQL when opened in a browser. */
  url: string;
  supergraphSdl: string;
  close(): Promise<void>;
}

export interface HiveGatewayOptions {
  port?: number;
  /** What GraphiQL opens with, one or more operations. */
  graphiqlDocument?: string;
  /** Headers sent with every request to a subgraph, by its name (`Router-Secret` for payments, say). */
  subgraphHeaders?: Record<string, Record<string, string>>;
}

/**
 * Composes the subgraphs with `@apollo/composition` and serves the supergraph with Hive
 * Gateway's runtime over real HTTP on loopback. Subscriptions are served to clients over
 * SSE (and the other transports Yoga speaks), and reach this subgraph over SSE, Hive
 * Gateway's default to subgraphs; the other subgraphs' fields of each event are fetched
 * as a query's would be.
 */
export async function startHiveGateway(subgraphs: readonly SubgraphDefinition[], options: HiveGatewayOptions = {}): Promise<RunningHiveGateway> {
  const composition = composeServices([...subgraphs]);
  if (composition.errors) {
    throw new Error(`Composition failed:\n${composition.errors.map((error) => error.message).join('\n')}`);
  }
  const gateway = createGatewayRuntime({
    supergraph: composition.supergraphSdl,
    logging: false,
    propagateHeaders: { fromClientToSubgraphs: ({ subgraphName }) => options.subgraphHeaders?.[subgraphName] },
    graphiql: options.graphiqlDocument ? { defaultQuery: options.graphiqlDocument, title: 'Payments and orders' } : true,
  });
  const server = createServer(gateway);
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    supergraphSdl: composition.supergraphSdl,
    async close() {
      // Open subscription streams would hold the close: the gateway ends them first.
      await gateway.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
