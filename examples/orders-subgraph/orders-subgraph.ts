import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type DocumentNode } from 'graphql';
import type { Logger } from 'pino';

export interface ExampleOrder {
  id: string;
  number: string;
  itemCount: number;
  /** The payment provider's session id, or null for an order not yet at checkout. */
  checkoutSessionId: string | null;
}

export interface RunningOrdersSubgraph {
  /** GraphQL endpoint. */
  url: string;
  typeDefs: DocumentNode;
  /** Adds or replaces orders. */
  putOrders(orders: readonly ExampleOrder[]): void;
  close(): Promise<void>;
}

export const ordersTypeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** Starts the example orders subgraph on loopback, holding its orders in memory; Apollo Server logs to `logger`. */
export async function startOrdersSubgraph(
  orders: readonly ExampleOrder[],
  options: { port?: number; logger: Logger },
): Promise<RunningOrdersSubgraph> {
  const byId = new Map<string, ExampleOrder>();
  const putOrders = (list: readonly ExampleOrder[]) => list.forEach((order) => byId.set(order.id, order));
  putOrders(orders);

  const resolvers: GraphQLResolverMap<unknown> = {
    Query: {
      orders: (_parent, { ids }: { ids?: string[] | null }) =>
        ids ? ids.flatMap((id) => byId.get(id) ?? []) : [...byId.values()],
      order: (_parent, { id }: { id: string }) => byId.get(id) ?? null,
    },
    Order: {
      __resolveReference: (reference: { id: string }) => byId.get(reference.id) ?? null,
      checkoutSession: (order: ExampleOrder) => (order.checkoutSessionId ? { id: order.checkoutSessionId } : null),
    },
  };
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: ordersTypeDefs, resolvers }),
    logger: options.logger,
    // Whoever runs it (a test, the demo) owns the process's signals.
    stopOnTerminationSignals: false,
  });
  const { url } = await startStandaloneServer(server, { listen: { port: options.port ?? 0, host: '127.0.0.1' } });
  return { url, typeDefs: ordersTypeDefs, putOrders, close: () => server.stop() };
}
