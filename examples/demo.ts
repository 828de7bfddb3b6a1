import { z } from 'zod';
import { ConfigError, loadConfig } from '../src/config.js';
import { logger } from '../src/logger.js';
import { stopOnTerminationSignals } from '../src/termination-signals.js';
import { startDemoStack } from './demo-stack.js';
import { crossSubgraphQuery } from './orders-subgraph/example-orders.js';

const demoPorts = z.object({
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  ORDERS_PORT: z.coerce.number().int().min(0).max(65535).default(4002),
});

/** `npm run demo`: this subgraph on PORT (4001), the orders subgraph on ORDERS_PORT, a gateway on GATEWAY_PORT. */
async function main(): Promise<void> {
  const ports = demoPorts.parse(process.env);
  const environment = { LOG_LEVEL: 'warn', ...process.env };
  const config = loadConfig(environment);
  logger.level = config.logLevel;
  const demo = await startDemoStack({ environment, ordersPort: ports.ORDERS_PORT, gatewayPort: ports.GATEWAY_PORT });
  const gatewayUrl = demo.gateway.url;
  const curlBody = JSON.stringify({ query: crossSubgraphQuery.replace(/\s+/g, ' ') });

  console.log(`payments subgraph  ${demo.payments.url}/graphql  (provider emulator at ${demo.emulator.url})`);
  console.log(`orders subgraph    ${demo.orders.url}`);
  console.log(`gateway            ${gatewayUrl}`);
  console.log(`\nOpen ${gatewayUrl} in a browser: Apollo Sandbox runs this query across both subgraphs:\n`);
  console.log(crossSubgraphQuery);
  console.log(`\nor: curl -s ${gatewayUrl} -H 'content-type: application/json' -d '${curlBody}'`);

  stopOnTerminationSignals({ close: () => demo.close(), graceMs: config.server.shutdownTimeoutMs, logger });
}

main().catch((error: unknown) => {
  if (error instanceof z.ZodError) {
    console.error(error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
  } else {
    console.error(error instanceof ConfigError ? error.message : error);
  }
  process.exit(1);
});
