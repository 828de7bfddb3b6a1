import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs in sandbox mode with documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.sandbox).toBe(true);
    expect(config.port).toBe(4001);
    expect(config.stripe.apiUrl).toBe('https://api.stripe.com');
    expect(config.provider).toEqual({ concurrencyPerRequest: 16, maxConnectionsPerOrigin: 128, timeoutMs: 5000 });
  });

  it('leaves sandbox mode once a Stripe key is set', () => {
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_123abc', STRIPE_API_VERSION: '2026-07-29.dahlia' });
    expect(config.sandbox).toBe(false);
    expect(config.stripe).toMatchObject({ secretKey: 'sk_test_123abc', apiVersion: '2026-07-29.dahlia' });
  });

  it('keeps a bounded cache with short ages for changing data and long ones for final data by default', () => {
    const config = loadConfig({});
    expect(config.cache).toEqual({
      enabled: true,
      maxEntries: 10_000,
      maxBytes: 16 * 1024 * 1024,
      ttlMs: { open: 2_000, final: 600_000, refunds: 10_000, lineItems: 30_000, notFound: 2_000 },
    });
    expect(config.webhooks).toEqual({ stripeSecret: undefined, convergeGateSecret: undefined, toleranceSeconds: 300 });
  });

  it('turns the cache off with CACHE=off and reads every age from its own variable', () => {
    const config = loadConfig({ CACHE: 'off', CACHE_FINAL_TTL_MS: '60000', CACHE_REFUNDS_TTL_MS: '0' });
    expect(config.cache.enabled).toBe(false);
    expect(config.cache.ttlMs).toMatchObject({ final: 60_000, refunds: 0 });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['CACHE', { CACHE: 'maybe' }],
    ['CACHE_OPEN_TTL_MS', { CACHE_OPEN_TTL_MS: '-1' }],
    ['CACHE_MAX_BYTES', { CACHE_MAX_BYTES: '0' }],
    ['STRIPE_WEBHOOK_SECRET', { STRIPE_WEBHOOK_SECRET: 'sk_test_notAWebhookSecret' }],
    ['PROVIDER_CONCURRENCY', { PROVIDER_CONCURRENCY: '0' }],
    ['STRIPE_API_URL', { STRIPE_API_URL: 'not a url' }],
    ['STRIPE_SECRET_KEY', { STRIPE_SECRET_KEY: 'pk_test_publishable' }],
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
