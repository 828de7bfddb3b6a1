import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs in sandbox mode with documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.sandbox).toBe(true);
    expect(config.port).toBe(4001);
    expect(config.stripe.apiUrl).toBe('https://api.stripe.com');
    expect(config.provider).toEqual({ concurrencyPerRequest: 16, maxConnectionsPerOrigin: 128, timeoutMs: 5000 });
    expect(config.orderIdMetadataKey).toBe('order_id');
  });

  it('leaves sandbox mode once a Stripe key is set', () => {
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_123abc', STRIPE_API_VERSION: '2026-07-29.dahlia' });
    expect(config.sandbox).toBe(false);
    expect(config.stripe).toMatchObject({ secretKey: 'sk_test_123abc', apiVersion: '2026-07-29.dahlia' });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PROVIDER_CONCURRENCY', { PROVIDER_CONCURRENCY: '0' }],
    ['STRIPE_API_URL', { STRIPE_API_URL: 'not a url' }],
    ['STRIPE_SECRET_KEY', { STRIPE_SECRET_KEY: 'pk_test_publishable' }],
    ['ORDER_ID_METADATA_KEY', { ORDER_ID_METADATA_KEY: ' ' }],
  ])('names %s when its value is invalid', (variable, environment) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(new RegExp(`${variable}:`));
  });

  it('never repeats a rejected key in its message', () => {
    const secret = 'pk_live_thisLooksSecretButIsWrong';
    expect(() => loadConfig({ STRIPE_SECRET_KEY: secret })).toThrow(ConfigError);
    try {
      loadConfig({ STRIPE_SECRET_KEY: secret });
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});
