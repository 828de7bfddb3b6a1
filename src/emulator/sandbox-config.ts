import type { Config } from '../config/config.js';
import { providerRegistry } from '../providers/registry.js';
import { ProviderEmulator } from './server.js';

/** The emulator of sandbox mode (`npm start` without a key, and the demo): it keeps no log of its calls, however long it runs. */
export function startSandboxEmulator(): Promise<ProviderEmulator> {
  return ProviderEmulator.start({ keepCalls: false });
}

/**
 * The configuration of sandbox mode: every provider served by the emulator, with its keys,
 * and their webhooks verified with the configured secrets, else the emulator's own.
 */
export function pointAtEmulator(config: Config, emulator: Pick<ProviderEmulator, 'urlOf' | 'secretKeyOf' | 'webhookSecretOf'>): Config {
  const sections = providerRegistry.map((module) => [
    module.key,
    module.configuration.sandboxSectionOf(config.sandboxSettings, {
      secretKey: emulator.secretKeyOf(module.key),
      apiUrl: emulator.urlOf(module.key),
      webhookSecret: emulator.webhookSecretOf(module.key),
    }),
  ]);
  return { ...config, providers: Object.fromEntries(sections) };
}
