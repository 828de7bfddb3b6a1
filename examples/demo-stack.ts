import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { startSubgraph, type RunningSubgraph } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { pointAtEmulator } from '../src/emulator/sandbox-config.js';
import { ProviderEmulator } from '../src/emulator/server.js';
import { loadSubgraphTypeDefs } from '../src/graphql/schema.js';
import { crossSubgraphQuery, exampleOrders } from './orders-subgraph/example-orders.js';
import { startOrdersSubgraph, type RunningOrdersSubgraph } from './orders-subgraph/orders-subgraph.js';
import { startGateway, type RunningGateway } from './gateway.js';

export interface DemoStack {
  emulator: ProviderEmulator;
  payments: RunningSubgraph;
  orders: RunningOrdersSubgraph;
  gateway: RunningGateway;
  close(): Promise<void>;
}

/**
 * The provider emulator, this subgraph in front of it, the example orders subgraph and a
 * gateway composed from both, whose page opens Apollo Sandbox on a cross-subgraph query.
 * The environment configures this subgraph as usual (PORT, LOG_LEVEL, ...), except that
 * it always talks to the emulator.
 */
export async function startDemoStack(options: {
  environment: NodeJS.ProcessEnv;
  ordersPort: number;
  gatewayPort: number;
}): Promise<DemoStack> {
  const emulator = await ProviderEmulator.start();
  const payments = await startSubgraph(
    pointAtEmulator(loadConfig(options.environment), emulator),
  );
  const orders = await startOrdersSubgraph(exampleOrders, { port: options.ordersPort });
  const gateway = await startGateway(
    [
      { name: 'payments', url: `${payments.url}/graphql`, typeDefs: loadSubgraphTypeDefs() },
      { name: 'orders', url: orders.url, typeDefs: orders.typeDefs },
    ],
    {
      port: options.gatewayPort,
      plugins: [ApolloServerPluginLandingPageLocalDefault({ embed: true, document: crossSubgraphQuery, footer: false })],
    },
  );
  return {
    emulator,
    payments,
    orders,
    gateway,
    async close() {
      await gateway.close();
      await orders.close();
      await payments.close();
      await emulator.close();
    },
  };
}
