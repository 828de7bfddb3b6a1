import type { Logger } from 'pino';
import { startSubgraph, type RunningSubgraph } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { pointAtEmulator, startSandboxEmulator } from '../src/emulator/sandbox-config.js';
import { ProviderEmulator } from '../src/emulator/server.js';
import { loadSubgraphTypeDefs } from '../src/graphql/schema.js';
import { crossSubgraphQuery, exampleOrders, paymentSubscription } from './orders-subgraph/example-orders.js';
import { startOrdersSubgraph, type RunningOrdersSubgraph } from './orders-subgraph/orders-subgraph.js';
import { startHiveGateway, type RunningHiveGateway } from './hive-gateway.js';

export interface DemoStack {
  emulator: ProviderEmulator;
  payments: RunningSubgraph;
  orders: RunningOrdersSubgraph;
  gateway: RunningHiveGateway;
  close(): Promise<void>;
}

/**
 * The provider emulator, this subgraph in front of it, the example orders subgraph and a
 * Hive Gateway composed from both, whose GraphiQL page opens on a cross-subgraph query
 * and a subscription to a payment that settles, each event joined with its order. The
 * emulator sends its moving sessions' webhooks to this subgraph.
 * The environment configures this subgraph as usual (PORT, ...), except that it always
 * talks to the emulator; every part logs to `logger`.
 */
export async function startDemoStack(options: {
  environment: NodeJS.ProcessEnv;
  ordersPort: number;
  gatewayPort: number;
  logger: Logger;
}): Promise<DemoStack> {
  const { logger } = options;
  const emulator = await startSandboxEmulator();
  const config = pointAtEmulator(loadConfig(options.environment), emulator);
  const payments = await startSubgraph(config, { logger });
  emulator.sendWebhooksTo({ subgraphUrl: payments.url, providers: config.providers }, logger);
  const orders = await startOrdersSubgraph(exampleOrders, { port: options.ordersPort, logger });
  const routerSecret = config.server.routerSecret;
  const gateway = await startHiveGateway(
    [
      { name: 'payments', url: `${payments.url}/graphql`, typeDefs: loadSubgraphTypeDefs() },
      { name: 'orders', url: orders.url, typeDefs: orders.typeDefs },
    ],
    {
      port: options.gatewayPort,
      graphiqlDocument: `${crossSubgraphQuery}\n\n${paymentSubscription}\n`,
      ...(routerSecret ? { subgraphHeaders: { payments: { 'router-secret': routerSecret } } } : {}),
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
