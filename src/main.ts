import { startSubgraph } from './app.js';
import { loadConfig } from './config/config.js';
import { ConfigError } from './config/settings.js';
import { sandboxBanner, servesSandboxPage } from './emulator/sandbox-banner.js';
import { pointAtEmulator, startSandboxEmulator } from './emulator/sandbox-config.js';
import { createLogger } from './logger.js';
import { checkListenAddress } from './server/listen-address.js';
import { stopOnTerminationSignals } from './server/termination-signals.js';

/** The process's logger, on stdout: every layer is handed it. At `info` until the configuration says otherwise. */
const logger = createLogger();

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  logger.level = config.logLevel;
  for (const warning of config.warnings) logger.warn(warning);
  await checkListenAddress(config.port, config.host);

  const emulator = config.sandbox ? await startSandboxEmulator() : undefined;
  const served = emulator ? pointAtEmulator(config, emulator) : config;
  const subgraph = await startSubgraph(served, { logger });
  emulator?.sendWebhooksTo({ subgraphUrl: subgraph.url, providers: served.providers }, logger);
  const graphqlUrl = `${subgraph.url}/graphql`;
  stopOnTerminationSignals({
    graceMs: config.server.readinessDelayMs + config.server.shutdownTimeoutMs,
    logger,
    close: async () => {
      await subgraph.close();
      await emulator?.close();
    },
  });

  const browsable = servesSandboxPage(config);
  logger.info({ url: graphqlUrl, sandbox: config.sandbox }, browsable ? 'payments subgraph ready (open the URL in a browser for Apollo Sandbox)' : 'payments subgraph ready');
  if (emulator) {
    logger.warn({ emulator: emulator.url }, 'sandbox mode: serving the built-in provider emulator\'s example sessions');
    process.stderr.write(sandboxBanner({ graphqlUrl, emulatorUrl: emulator.url, browsable, routerSecret: config.server.routerSecret !== undefined }));
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    logger.fatal({ err: error }, 'failed to start');
  }
  process.exit(1);
});
