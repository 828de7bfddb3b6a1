import type { Config } from '../config.js';
import type { ProviderEmulator } from './server.js';

/** The configuration of sandbox mode: both providers served by the emulator, with its keys. */
export function pointAtEmulator(config: Config, emulator: ProviderEmulator): Config {
  return {
    ...config,
    stripe: { ...config.stripe, apiUrl: emulator.url, secretKey: emulator.stripeSecretKey },
    convergeGate: { apiUrl: emulator.convergeGateUrl, secretKey: emulator.convergeGateSecretKey },
  };
}
