import type { Config } from '../config/config.js';
import type { ProviderEmulator } from './server.js';

/**
 * The configuration of sandbox mode: both providers served by the emulator, with its keys,
 * and their webhooks verified with the configured secrets, else the emulator's own.
 */
export function pointAtEmulator(
  config: Config,
  emulator: Pick<ProviderEmulator, 'url' | 'convergeGateUrl' | 'stripeSecretKey' | 'convergeGateSecretKey' | 'stripeWebhookSecret'>,
): Config {
  const { webhookSecrets, stripeApiVersion } = config.sandboxSettings;
  return {
    ...config,
    providers: {
      stripe: {
        secretKey: emulator.stripeSecretKey,
        apiUrl: emulator.url,
        apiVersion: stripeApiVersion,
        webhookSecret: webhookSecrets.stripe ?? emulator.stripeWebhookSecret,
      },
      convergegate: {
        secretKey: emulator.convergeGateSecretKey,
        apiUrl: emulator.convergeGateUrl,
        webhookSecret: webhookSecrets.convergegate ?? emulator.convergeGateSecretKey,
      },
    },
  };
}
