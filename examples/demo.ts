import { z } from 'zod';
import { loadConfig } from '../src/config/config.js';
import { ConfigError, parseSettings, portNumber } from '../src/config/settings.js';
import { createLogger } from '../src/logger.js';
import { checkListenAddress } from '../src/server/listen-address.js';
import { stopOnTerminationSignals } from '../src/server/termination-signals.js';
import { startDemoStack } from './demo-stack.js';
import { crossSubgraphQuery, paymentSubscription } from './orders-subgraph/example-orders.js';

const gatewayPort = { variable: 'GATEWAY_PORT', usual: 4000 };
const ordersPort = { variable: 'ORDERS_PORT', usual: 4002 };
/** The gateway and the orders subgraph listen on loopback only. */
const demoHost = '127.0.0.1';

const demoPorts = z.object({ GATEWAY_PORT: portNumber(gatewayPort.usual), ORDERS_PORT: portNumber(ordersPort.usual) });

/** `npm run demo`: this subgraph on PORT (4001), the orders subgraph on ORDERS_PORT, Hive Gateway on GATEWAY_PORT. */
async function main(): Promise<void> {
  const environment = { LOG_LEVEL: 'warn', ...process.env };
  const config = loadConfig(environment);
  const logger = createLogger(undefined, config.logLevel);
  const ports = parseSettings(demoPorts, environment);
  for (const warning of config.warnings) logger.warn(warning);
  // Every port is checked before anything starts, so a busy one is one line, not a stack trace.
  await checkListenAddress(config.port, config.host);
  await checkListenAddress(ports.GATEWAY_PORT, demoHost, gatewayPort);
  await checkListenAddress(ports.ORDERS_PORT, demoHost, ordersPort);
  const demo = await startDemoStack({ environment, ordersPort: ports.ORDERS_PORT, gatewayPort: ports.GATEWAY_PORT, logger });
  const gatewayUrl = demo.gateway.url;
  const curlBody = JSON.stringify({ query: crossSubgraphQuery.replace(/\s+/g, ' ') });

  console.log(`payments subgraph  ${demo.payments.url}/graphql  (provider emulator at ${demo.emulator.url})`);
  console.log(`orders subgraph    ${demo.orders.url}`);
  console.log(`gateway            ${gatewayUrl}`);
  console.log(`\nOpen ${gatewayUrl} in a browser: GraphiQL (Hive Gateway) runs this query across both subgraphs:\n`);
  console.log(crossSubgraphQuery);
  console.log(`\nor: curl -s ${gatewayUrl} -H 'content-type: application/json' -d '${curlBody}'`);
  console.log('\nand this subscription, a BLIK payment the bank settles about 10 s after its first read, its order joined to each event:\n');
  console.log(paymentSubscription);

  stopOnTerminationSignals({ close: () => demo.close(), graceMs: config.server.shutdownTimeoutMs, logger });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
