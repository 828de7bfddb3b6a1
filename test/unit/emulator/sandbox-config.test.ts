import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { pointAtEmulator } from '../../../src/emulator/sandbox-config.js';

const served: Record<string, { url: string; secretKey: string; webhookSecret: string }> = {
  stripe: { url: 'http://127.0.0.1:12111', secretKey: 'sk_test_emulatorStripe1', webhookSecret: 'whsec_emulatorEndpoint1' },
  convergegate: { url: 'http://127.0.0.1:12111/convergegate', secretKey: 'sk_test_emulatorGate1', webhookSecret: 'sk_test_emulatorGate1' },
};
const emulator = {
  urlOf: (key: string) => served[key]!.url,
  secretKeyOf: (key: string) => served[key]!.secretKey,
  webhookSecretOf: (key: string) => served[key]!.webhookSecret,
};

describe('pointAtEmulator', () => {
  it('serves both providers from the emulator with its keys, signing webhooks with its own secrets', () => {
    expect(pointAtEmulator(loadConfig({}), emulator).providers).toEqual({
      stripe: { secretKey: 'sk_test_emulatorStripe1', apiUrl: 'http://127.0.0.1:12111', apiVersion: '2026-07-29.dahlia', webhookSecret: 'whsec_emulatorEndpoint1' },
      convergegate: { secretKey: 'sk_test_emulatorGate1', apiUrl: 'http://127.0.0.1:12111/convergegate', webhookSecret: 'sk_test_emulatorGate1' },
    });
  });

  it('keeps STRIPE_API_VERSION and the webhook secrets that are set', () => {
    const config = loadConfig({ STRIPE_API_VERSION: '2025-03-31.basil', STRIPE_WEBHOOK_SECRET: 'whsec_mine', CONVERGEGATE_WEBHOOK_SECRET: 'sk_test_mine' });
    const { stripe, convergegate } = pointAtEmulator(config, emulator).providers;
    expect(stripe).toMatchObject({ apiVersion: '2025-03-31.basil', webhookSecret: 'whsec_mine' });
    expect(convergegate?.webhookSecret).toBe('sk_test_mine');
  });
});
