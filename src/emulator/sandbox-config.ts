import type { Config } from '../config/config.js';
import type { ProviderEmulator } from './server.js';

/**
 * The configuration of sandbox mode: both providers served by the emulator, with its keys,
 * and their webhooks verified with the configured secrets, else the emulator's own.
 */
export function pointAtEmulator(config: Config, emulator: ProviderEmulator): Config {
  return {
    ...config,
    stripe: { ...config.stripe, apiUrl: emulator.url, secretKey: emulator.stripeSecretKey },
    convergeGate: { apiUrl: emulator.convergeGateUrl, secretKey: emulator.convergeGateSecretKey },
    webhooks: {
      ...config.webhooks,
      stripeSecret: config.webhooks.stripeSecret ?? emulator.stripeWebhookSecret,
      convergeGateSecret: config.webhooks.convergeGateSecret ?? emulator.convergeGateSecretKey,
    },
  };
}
