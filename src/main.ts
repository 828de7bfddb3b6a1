import { startSubgraph } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { pointAtEmulator } from './emulator/sandbox-config.js';
import { ProviderEmulator } from './emulator/server.js';
import { convergeGateCompletedId } from './emulator/data/convergegate-sessions.js';
import { stripeSeedExampleId } from './emulator/data/stripe-sessions.js';
import { logger } from './logger.js';

async function main(): Promise<void> {
  let config = loadConfig(process.env);
  logger.level = config.logLevel;

  let emulator: ProviderEmulator | undefined;
  if (config.sandbox) {
    emulator = await ProviderEmulator.start();
    config = pointAtEmulator(config, emulator);
    logger.info(
      { emulator: emulator.url },
      'SANDBOX MODE: no provider key is set, so the subgraph serves the built-in provider emulator and its example sessions',
    );
  }

  const subgraph = await startSubgraph(config);
  logger.info({ url: `${subgraph.url}/graphql` }, 'payments subgraph ready (open the URL in a browser for Apollo Sandbox)');
  if (config.sandbox) {
    for (const query of [
      `{ checkoutSession(id: "${stripeSeedExampleId}") { id status amountTotal { amount currency decimal } } }`,
      `{ checkoutSession(id: "${convergeGateCompletedId}") { id provider status amountTotal { decimal currency } refunds { amount { decimal } status } fees { description amount { decimal } } } }`,
    ]) {
      logger.info(
        `try: curl -s ${subgraph.url}/graphql -H 'content-type: application/json' -d '${JSON.stringify({ query })}'`,
      );
    }
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.server.shutdownTimeoutMs }, 'shutting down: finishing requests in flight');
    try {
      await subgraph.close();
      await emulator?.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    logger.fatal({ err: error }, 'failed to start');
  }
  process.exit(1);
});
