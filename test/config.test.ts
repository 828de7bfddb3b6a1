import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs in sandbox mode with documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.sandbox).toBe(true);
    expect(config.port).toBe(4001);
    expect(config.stripe.apiUrl).toBe('https://api.stripe.com');
    expect(config.provider).toEqual({
      concurrencyPerRequest: 16,
      maxConnectionsPerOrigin: 128,
      timeoutMs: 5000,
      maxRetries: 2,
      retryBaseDelayMs: 250,
      retryMaxDelayMs: 2000,
      rateLimitPerSecond: undefined,
      queueTimeoutMs: 30_000,
      breakerFailureThreshold: 10,
      breakerCooldownMs: 10_000,
      maxResponseBytes: 1024 * 1024,
    });
    expect(config.orderIdMetadataKey).toBe('order_id');
    expect(config.graphql).toEqual({ introspection: true, maxEntitiesPerRequest: 500, maxQueryDepth: 10, maxQueryCost: 50_000 });
    expect(config.server).toMatchObject({ routerSecret: undefined, shutdownTimeoutMs: 10_000 });
  });

  it('turns introspection and Sandbox off by default in production, and lets INTROSPECTION decide', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).graphql.introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' }).graphql.introspection).toBe(true);
    expect(loadConfig({ INTROSPECTION: 'false' }).graphql.introspection).toBe(false);
  });

  it('reads PROVIDER_RATE_LIMIT=0 as pacing off and leaves it unset for the providers\' own defaults', () => {
    expect(loadConfig({ PROVIDER_RATE_LIMIT: '0' }).provider.rateLimitPerSecond).toBe(0);
    expect(loadConfig({ PROVIDER_RATE_LIMIT: '12.5' }).provider.rateLimitPerSecond).toBe(12.5);
    expect(loadConfig({ PROVIDER_RATE_LIMIT: '' }).provider.rateLimitPerSecond).toBeUndefined();
  });

  it('leaves sandbox mode once a Stripe key is set', () => {
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_123abc', STRIPE_API_VERSION: '2026-07-29.dahlia' });
    expect(config.sandbox).toBe(false);
    expect(config.stripe).toMatchObject({ secretKey: 'sk_test_123abc', apiVersion: '2026-07-29.dahlia' });
  });

  it('configures Converge Gate with a base URL that keeps its path, and leaves sandbox mode', () => {
    const config = loadConfig({
      CONVERGEGATE_SECRET_KEY: 'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
      CONVERGEGATE_API_URL: 'https://pay.example.com/gateway',
    });
    expect(config.sandbox).toBe(false);
    expect(config.stripe.secretKey).toBeUndefined();
    expect(config.convergeGate).toEqual({ secretKey: 'sk_test_BQokikJOvBiI2HlWgH4olfQ2', apiUrl: 'https://pay.example.com/gateway' });
  });

  it('accepts plain http for Converge Gate only on localhost', () => {
    const environment = { CONVERGEGATE_SECRET_KEY: 'sk_test_abc' };
    expect(loadConfig({ ...environment, CONVERGEGATE_API_URL: 'http://127.0.0.1:8080/cg' }).convergeGate.apiUrl).toBe('http://127.0.0.1:8080/cg');
    expect(() => loadConfig({ ...environment, CONVERGEGATE_API_URL: 'http://pay.example.com' })).toThrow(/CONVERGEGATE_API_URL: must be an https URL/);
  });

  it('requires CONVERGEGATE_API_URL once CONVERGEGATE_SECRET_KEY is set', () => {
    expect(() => loadConfig({ CONVERGEGATE_SECRET_KEY: 'sk_live_abc' })).toThrow(/CONVERGEGATE_API_URL: is required when CONVERGEGATE_SECRET_KEY is set/);
    expect(() => loadConfig({ CONVERGEGATE_SECRET_KEY: 'sk_live_abc', CONVERGEGATE_API_URL: '' })).toThrow(/CONVERGEGATE_API_URL/);
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
    ['CONVERGEGATE_SECRET_KEY', { CONVERGEGATE_SECRET_KEY: 'pk_test_abc', CONVERGEGATE_API_URL: 'https://pay.example.com' }],
    ['CONVERGEGATE_API_URL', { CONVERGEGATE_SECRET_KEY: 'sk_test_abc', CONVERGEGATE_API_URL: 'pay.example.com' }],
    ['PORT', { PORT: 'eighty' }],
    ['CACHE', { CACHE: 'maybe' }],
    ['CACHE_OPEN_TTL_MS', { CACHE_OPEN_TTL_MS: '-1' }],
    ['CACHE_MAX_BYTES', { CACHE_MAX_BYTES: '0' }],
    ['STRIPE_WEBHOOK_SECRET', { STRIPE_WEBHOOK_SECRET: 'sk_test_notAWebhookSecret' }],
    ['PROVIDER_CONCURRENCY', { PROVIDER_CONCURRENCY: '0' }],
    ['STRIPE_API_URL', { STRIPE_API_URL: 'not a url' }],
    ['STRIPE_SECRET_KEY', { STRIPE_SECRET_KEY: 'pk_test_publishable' }],
    ['ORDER_ID_METADATA_KEY', { ORDER_ID_METADATA_KEY: ' ' }],
    ['PROVIDER_MAX_RETRIES', { PROVIDER_MAX_RETRIES: '-1' }],
    ['PROVIDER_RATE_LIMIT', { PROVIDER_RATE_LIMIT: 'fast' }],
    ['INTROSPECTION', { INTROSPECTION: 'maybe' }],
    ['MAX_ENTITIES_PER_REQUEST', { MAX_ENTITIES_PER_REQUEST: '0' }],
  ])('names %s when its value is invalid', (variable, environment) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(new RegExp(`${variable}:`));
  });

  it.each(['STRIPE_SECRET_KEY', 'CONVERGEGATE_SECRET_KEY'])('never repeats a rejected %s in its message', (variable) => {
    const secret = 'pk_live_thisLooksSecretButIsWrong';
    expect(() => loadConfig({ [variable]: secret })).toThrow(ConfigError);
    try {
      loadConfig({ [variable]: secret });
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});

describe('loadConfig, fleet mode', () => {
  it('leaves Redis off when REDIS_URL is unset or empty, with the documented defaults for the rest', () => {
    for (const environment of [{}, { REDIS_URL: '' }]) {
      expect(loadConfig(environment).redis).toEqual({
        url: undefined,
        keyPrefix: 'payments-subgraph:',
        timeoutMs: 50,
        fallbackReplicas: 1,
      });
    }
  });

  it('takes redis:// and rediss:// (TLS) URLs with their credentials', () => {
    expect(loadConfig({ REDIS_URL: 'redis://localhost:6379/0' }).redis.url).toBe('redis://localhost:6379/0');
    expect(loadConfig({ REDIS_URL: 'rediss://:s3cret@cache.internal:6380/2' }).redis.url).toBe('rediss://:s3cret@cache.internal:6380/2');
  });

  it('names REDIS_URL when it is not a Redis URL, without repeating its password', () => {
    const url = 'http://:s3cretRedisPassword@cache.internal:6379';
    expect(() => loadConfig({ REDIS_URL: url })).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    try {
      loadConfig({ REDIS_URL: url });
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cretRedisPassword');
    }
  });

  it.each([
    ['REDIS_TIMEOUT_MS', { REDIS_TIMEOUT_MS: '0' }],
    ['REDIS_FALLBACK_REPLICAS', { REDIS_FALLBACK_REPLICAS: 'two' }],
  ])('names %s when its value is invalid', (variable, environment) => {
    expect(() => loadConfig(environment)).toThrow(new RegExp(`${variable}:`));
  });
});
