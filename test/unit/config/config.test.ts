import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadConfig, type Config } from '../../../src/config/config.js';
import { ConfigError } from '../../../src/config/settings.js';
import type { StripeSection } from '../../../src/providers/stripe/settings.js';

describe('loadConfig', () => {
  it('runs in sandbox mode with documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.sandbox).toBe(true);
    expect(config.port).toBe(4001);
    expect(config.providers).toEqual({});
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_123abc' }).providers.stripe?.apiUrl).toBe('https://api.stripe.com');
    expect(config.provider).toEqual({
      concurrencyPerRequest: 16,
      maxConnectionsPerOrigin: 128,
      timeoutMs: 5000,
      maxRetries: 2,
      retryBaseDelayMs: 250,
      retryMaxDelayMs: 2000,
      endpointRateLimit: undefined,
      globalRateLimit: undefined,
      queueTimeoutMs: 5_000,
      requestDeadlineMs: 15_000,
      breaker: { minCalls: 50, failureRate: 0.5, windowMs: 10_000, cooldownMs: 10_000 },
      maxResponseBytes: 1024 * 1024,
    });
    expect(config.orderIdMetadataKey).toBe('order_id');
    expect(config.graphql).toEqual({ introspection: true, inlineTraces: false, maxEntitiesPerRequest: 500, maxQueryDepth: 10, maxQueryCost: 50_000 });
    expect(config.server).toMatchObject({ routerSecret: undefined, shutdownTimeoutMs: 10_000 });
  });

  it('turns introspection and Sandbox off by default in production, and lets INTROSPECTION decide', () => {
    const production = { NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_123abc' };
    expect(loadConfig(production).graphql.introspection).toBe(false);
    expect(loadConfig({ ...production, INTROSPECTION: 'true' }).graphql.introspection).toBe(true);
    expect(loadConfig({ INTROSPECTION: 'false' }).graphql.introspection).toBe(false);
  });

  it('reads PROVIDER_RATE_LIMIT as the per-endpoint budget and PROVIDER_GLOBAL_RATE_LIMIT as the account\'s, 0 as none, unset for the providers\' documented limits', () => {
    expect(loadConfig({ PROVIDER_RATE_LIMIT: '0' }).provider).toMatchObject({ endpointRateLimit: 0, globalRateLimit: undefined });
    expect(loadConfig({ PROVIDER_RATE_LIMIT: '12.5' }).provider.endpointRateLimit).toBe(12.5);
    expect(loadConfig({ PROVIDER_GLOBAL_RATE_LIMIT: '160' }).provider).toMatchObject({ endpointRateLimit: undefined, globalRateLimit: 160 });
    expect(loadConfig({ PROVIDER_RATE_LIMIT: '', PROVIDER_GLOBAL_RATE_LIMIT: '' }).provider).toMatchObject({
      endpointRateLimit: undefined,
      globalRateLimit: undefined,
    });
  });

  it('reads each circuit breaker setting from its own variable, with PROVIDER_BREAKER_MIN_CALLS=0 turning it off', () => {
    const config = loadConfig({
      PROVIDER_BREAKER_MIN_CALLS: '0',
      PROVIDER_BREAKER_FAILURE_RATE: '0.25',
      PROVIDER_BREAKER_WINDOW_MS: '30000',
      PROVIDER_BREAKER_COOLDOWN_MS: '5000',
    });
    expect(config.provider.breaker).toEqual({ minCalls: 0, failureRate: 0.25, windowMs: 30_000, cooldownMs: 5_000 });
    expect(loadConfig({ PROVIDER_BREAKER_FAILURE_RATE: '1' }).provider.breaker.failureRate).toBe(1);
  });

  it('stops start-up when the removed PROVIDER_BREAKER_FAILURES is set, naming the settings that replace it', () => {
    expect(() => loadConfig({ PROVIDER_BREAKER_FAILURES: '10' })).toThrow(ConfigError);
    expect(() => loadConfig({ PROVIDER_BREAKER_FAILURES: '10' })).toThrow(
      /^PROVIDER_BREAKER_FAILURES is no longer read: .*PROVIDER_BREAKER_MIN_CALLS.*PROVIDER_BREAKER_FAILURE_RATE/,
    );
  });

  it('leaves sandbox mode once a Stripe key is set', () => {
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_123abc', STRIPE_API_VERSION: '2026-07-29.dahlia' });
    expect(config.sandbox).toBe(false);
    expect(config.providers).toEqual({
      stripe: { secretKey: 'sk_test_123abc', apiUrl: 'https://api.stripe.com', apiVersion: '2026-07-29.dahlia', webhookSecret: undefined },
    });
  });

  it('configures Converge Gate with a base URL that keeps its path, and leaves sandbox mode', () => {
    const config = loadConfig({
      CONVERGEGATE_SECRET_KEY: 'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
      CONVERGEGATE_API_URL: 'https://pay.example.com/gateway',
    });
    expect(config.sandbox).toBe(false);
    expect(config.providers.stripe).toBeUndefined();
    expect(config.providers.convergegate).toEqual({ secretKey: 'sk_test_BQokikJOvBiI2HlWgH4olfQ2', apiUrl: 'https://pay.example.com/gateway', webhookSecret: undefined });
  });

  it('accepts plain http for Converge Gate only on localhost', () => {
    const environment = { CONVERGEGATE_SECRET_KEY: 'sk_test_abc' };
    expect(loadConfig({ ...environment, CONVERGEGATE_API_URL: 'http://127.0.0.1:8080/cg' }).providers.convergegate?.apiUrl).toBe('http://127.0.0.1:8080/cg');
    expect(() => loadConfig({ ...environment, CONVERGEGATE_API_URL: 'http://pay.example.com' })).toThrow(/CONVERGEGATE_API_URL is not an https URL/);
  });

  it('requires CONVERGEGATE_API_URL once CONVERGEGATE_SECRET_KEY is set', () => {
    expect(() => loadConfig({ CONVERGEGATE_SECRET_KEY: 'sk_live_abc' })).toThrow(/CONVERGEGATE_API_URL is required when CONVERGEGATE_SECRET_KEY is set/);
    expect(() => loadConfig({ CONVERGEGATE_SECRET_KEY: 'sk_live_abc', CONVERGEGATE_API_URL: '' })).toThrow(/CONVERGEGATE_API_URL/);
  });

  it('keeps a bounded cache with short ages for changing data and long ones for final data by default', () => {
    const config = loadConfig({});
    expect(config.cache).toEqual({
      enabled: true,
      maxEntries: 10_000,
      maxBytes: 16 * 1024 * 1024,
      ttlMs: { open: 2_000, final: 600_000, refunds: 10_000, lineItems: 30_000, notFound: 2_000 },
      staleWindowMs: 60_000,
      staleAnswerAfterMs: 250,
    });
    expect(config.webhooks).toEqual({ toleranceSeconds: 300, futureSkewSeconds: 30 });
  });

  it('turns the cache off with CACHE=off and reads every age from its own variable', () => {
    const config = loadConfig({ CACHE: 'off', CACHE_FINAL_TTL_MS: '60000', CACHE_REFUNDS_TTL_MS: '0' });
    expect(config.cache.enabled).toBe(false);
    expect(config.cache.ttlMs).toMatchObject({ final: 60_000, refunds: 0 });
  });

  it('requires CONVERGEGATE_SECRET_KEY once CONVERGEGATE_API_URL is set, naming both, rather than falling into sandbox mode', () => {
    expect(() => loadConfig({ CONVERGEGATE_API_URL: 'https://pay.example.com/gateway' })).toThrow(
      /^CONVERGEGATE_SECRET_KEY is required when CONVERGEGATE_API_URL is set/,
    );
  });

  it('allows no browser origin with CORS_ORIGINS=none, and any with *', () => {
    expect(loadConfig({ CORS_ORIGINS: 'none' }).server.corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: '*' }).server.corsOrigins).toEqual(['*']);
    expect(loadConfig({ CORS_ORIGINS: 'https://shop.example.com, http://localhost:3000' }).server.corsOrigins).toEqual([
      'https://shop.example.com',
      'http://localhost:3000',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://shop.example.com/checkout' })).toThrow(/^CORS_ORIGINS is not/);
  });

  it('accepts Stripe API versions as Stripe writes them: a date with or without a release name', () => {
    expect(loadConfig({ STRIPE_API_VERSION: '2024-06-20' }).sandboxSettings.STRIPE_API_VERSION).toBe('2024-06-20');
    expect((loadConfig({ STRIPE_API_VERSION: '2025-03-31.basil', STRIPE_SECRET_KEY: 'sk_test_abc' }).providers.stripe as StripeSection | undefined)?.apiVersion).toBe('2025-03-31.basil');
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

describe('loadConfig, rules across settings', () => {
  const stripeKey = { STRIPE_SECRET_KEY: 'sk_live_123abc' };
  const convergeGate = { CONVERGEGATE_SECRET_KEY: 'sk_live_abc', CONVERGEGATE_API_URL: 'https://pay.example.com' };

  it('refuses plain http for Stripe as for Converge Gate, except on localhost: the key travels with every call', () => {
    expect(() => loadConfig({ ...stripeKey, STRIPE_API_URL: 'http://api.stripe.com' })).toThrow(
      /^STRIPE_API_URL is not an https URL \(plain http only on localhost\); for example STRIPE_API_URL=https:\/\/api\.stripe\.com$/,
    );
    expect(loadConfig({ ...stripeKey, STRIPE_API_URL: 'http://127.0.0.1:12111' }).providers.stripe?.apiUrl).toBe('http://127.0.0.1:12111');
    expect(loadConfig({ ...stripeKey, STRIPE_API_URL: 'http://localhost:12111' }).providers.stripe?.apiUrl).toBe('http://localhost:12111');
    expect(loadConfig({ ...stripeKey, STRIPE_API_URL: 'https://stripe-proxy.internal' }).providers.stripe?.apiUrl).toBe('https://stripe-proxy.internal');
  });

  it.each(['prod', 'Production', 'PRODUCTION', 'prd', 'Prod'])('refuses NODE_ENV=%s with one line: only production in full turns production mode on', (value) => {
    expect(() => loadConfig({ ...stripeKey, NODE_ENV: value })).toThrow(
      new RegExp(`^NODE_ENV=${value} is not production: only NODE_ENV=production, in full and in lower case, .*; for example NODE_ENV=production$`),
    );
  });

  it('runs any other NODE_ENV as development, with one warning saying so', () => {
    const config = loadConfig({ NODE_ENV: 'staging' });
    expect(config.sandbox).toBe(true);
    expect(config.graphql.introspection).toBe(true);
    expect(config.warnings).toEqual([
      'NODE_ENV=staging is not production, development or test: running as development (introspection and the Sandbox page on, sandbox mode when no key is set)',
    ]);
    for (const value of ['production', 'development', 'test']) expect(loadConfig({ ...stripeKey, NODE_ENV: value, ROUTER_SECRET: 'a'.repeat(32) }).warnings).toEqual([]);
    expect(loadConfig({}).warnings).toEqual([]);
  });

  it('warns in production without ROUTER_SECRET that anyone who reaches the port can query', () => {
    expect(loadConfig({ ...stripeKey, NODE_ENV: 'production' }).warnings).toEqual([
      "ROUTER_SECRET is not set: anyone who reaches this subgraph's port can query it; give it and its router the same random value, for example ROUTER_SECRET=$(openssl rand -hex 32)",
    ]);
    expect(loadConfig({ ...stripeKey, NODE_ENV: 'production', ROUTER_SECRET: '3f9a1c7e5b2d4f60' }).warnings).toEqual([]);
  });

  it('refuses a ROUTER_SECRET shorter than 16 characters, without repeating it', () => {
    expect(() => loadConfig({ ROUTER_SECRET: 'hunter2hunter2x' })).toThrow(
      /^ROUTER_SECRET is shorter than 16 characters and easy to guess: .*for example ROUTER_SECRET=\$\(openssl rand -hex 32\)$/,
    );
    try {
      loadConfig({ ROUTER_SECRET: 'hunter2hunter2x' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(loadConfig({ ROUTER_SECRET: '3f9a1c7e5b2d4f60' }).server.routerSecret).toBe('3f9a1c7e5b2d4f60');
  });

  it('refuses a webhook secret whose provider has no key outside sandbox mode, naming both variables', () => {
    expect(() => loadConfig({ ...convergeGate, STRIPE_WEBHOOK_SECRET: 'whsec_abc' })).toThrow(
      /^STRIPE_WEBHOOK_SECRET is set but STRIPE_SECRET_KEY is not: .*unset STRIPE_WEBHOOK_SECRET; for example STRIPE_SECRET_KEY=sk_live_\.\.\.$/,
    );
    expect(() => loadConfig({ ...stripeKey, CONVERGEGATE_WEBHOOK_SECRET: 'sk_live_abc' })).toThrow(
      /^CONVERGEGATE_WEBHOOK_SECRET is set but CONVERGEGATE_SECRET_KEY is not: /,
    );
    expect(loadConfig({ ...stripeKey, STRIPE_WEBHOOK_SECRET: 'whsec_abc' }).providers.stripe?.webhookSecret).toBe('whsec_abc');
    // In sandbox mode the emulator plays both providers, and the webhook tests sign for it.
    expect(loadConfig({ STRIPE_WEBHOOK_SECRET: 'whsec_abc', CONVERGEGATE_WEBHOOK_SECRET: 'sk_test_abc' }).sandbox).toBe(true);
  });
});

describe('every on/off setting', () => {
  const stripeKey = { STRIPE_SECRET_KEY: 'sk_live_123abc' };
  const flags = [
    { variable: 'SANDBOX', read: (value: string) => loadConfig(['false', '0', 'no', 'off'].includes(value.toLowerCase()) ? { SANDBOX: value, ...stripeKey } : { SANDBOX: value }).sandbox },
    { variable: 'INTROSPECTION', read: (value: string) => loadConfig({ INTROSPECTION: value }).graphql.introspection },
    { variable: 'CACHE', read: (value: string) => loadConfig({ CACHE: value }).cache.enabled },
  ];

  it.each(flags)('$variable takes true, 1, yes and on, and false, 0, no and off, in any case', ({ read }) => {
    for (const value of ['true', 'TRUE', 'True', '1', 'yes', 'YES', 'on', 'On']) expect(read(value), value).toBe(true);
    for (const value of ['false', 'FALSE', '0', 'no', 'No', 'off', 'OFF']) expect(read(value), value).toBe(false);
  });

  it.each(flags)('$variable refuses anything else, saying which spellings it takes', ({ variable }) => {
    expect(() => loadConfig({ [variable]: 'enabled' })).toThrow(new RegExp(`^${variable} is not true or false \\(or 1/0, yes/no, on/off\\); for example ${variable}=\\w+$`));
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
    expect(() => loadConfig({ REDIS_URL: url })).toThrow(/^REDIS_URL is not a redis:\/\/ or rediss:\/\/ \(TLS\) URL; for example REDIS_URL=redis:\/\/localhost:6379\/0$/);
    try {
      loadConfig({ REDIS_URL: url });
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cretRedisPassword');
    }
  });
});

describe('slow client settings', () => {
  it('refuses a headers timeout longer than the request timeout that covers the headers too', () => {
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '20000' })).toThrow(
      /^HEADERS_TIMEOUT_MS=20000 is longer than REQUEST_BODY_TIMEOUT_MS=10000, .*HEADERS_TIMEOUT_MS=10000$/,
    );
    expect(loadConfig({ HEADERS_TIMEOUT_MS: '20000', REQUEST_BODY_TIMEOUT_MS: '30000' }).server.headersTimeoutMs).toBe(20_000);
  });
});

describe('subscription settings', () => {
  it('refuses keep-alive pings as far apart as the idle timeout, which would cut a quiet stream between them', () => {
    expect(() => loadConfig({ SUBSCRIPTION_KEEPALIVE_MS: '60000' })).toThrow(
      /^SUBSCRIPTION_KEEPALIVE_MS=60000 is not below IDLE_TIMEOUT_MS=60000: .*SUBSCRIPTION_KEEPALIVE_MS=12000$/,
    );
    expect(loadConfig({ SUBSCRIPTION_KEEPALIVE_MS: '60000', IDLE_TIMEOUT_MS: '90000' }).subscriptions.keepAliveMs).toBe(60_000);
  });

  it('pings every 12 s by default, or every half idle timeout when that is shorter', () => {
    expect(loadConfig({}).subscriptions.keepAliveMs).toBe(12_000);
    expect(loadConfig({ IDLE_TIMEOUT_MS: '10000' }).subscriptions.keepAliveMs).toBe(5_000);
    expect(() => loadConfig({ IDLE_TIMEOUT_MS: '10000', SUBSCRIPTION_KEEPALIVE_MS: '10000' })).toThrow(/for example SUBSCRIPTION_KEEPALIVE_MS=5000$/);
  });
});

describe('observability settings', () => {
  it('serves metrics on PORT unless METRICS_PORT is set, and refuses METRICS_PORT equal to PORT', () => {
    expect(loadConfig({}).observability).toEqual({ metricsPort: undefined, otlpEndpoint: undefined });
    expect(loadConfig({ METRICS_PORT: '9464' }).observability.metricsPort).toBe(9464);
    expect(() => loadConfig({ PORT: '4001', METRICS_PORT: '4001' })).toThrow(/^METRICS_PORT=4001 is PORT as well: .*METRICS_PORT=9464$/);
  });

  it('turns tracing on with OTEL_EXPORTER_OTLP_ENDPOINT, an http or https URL', () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).observability.otlpEndpoint).toBe('http://collector:4318');
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT is not/);
  });
});

describe('sandbox mode', () => {
  const stripeKey = { STRIPE_SECRET_KEY: 'sk_live_123abc' };

  it('is what a developer gets with no key outside production, and never once a key is set', () => {
    expect(loadConfig({}).sandbox).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).sandbox).toBe(true);
    expect(loadConfig(stripeKey).sandbox).toBe(false);
  });

  it('is refused in production without a key (a secret that failed to mount), saying to set a key or SANDBOX=true', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/^STRIPE_SECRET_KEY or CONVERGEGATE_SECRET_KEY is required when NODE_ENV=production.*SANDBOX=true/);
    expect(loadConfig({ NODE_ENV: 'production', ...stripeKey }).sandbox).toBe(false);
  });

  it('is chosen with SANDBOX=true even in production, and then refuses a key: one or the other', () => {
    expect(loadConfig({ NODE_ENV: 'production', SANDBOX: 'true' }).sandbox).toBe(true);
    expect(() => loadConfig({ SANDBOX: 'true', ...stripeKey })).toThrow(/^SANDBOX=true .*STRIPE_SECRET_KEY and CONVERGEGATE_SECRET_KEY must be unset/);
  });

  it('is never entered with SANDBOX=false: no key is then an error', () => {
    expect(loadConfig({ SANDBOX: 'false', ...stripeKey }).sandbox).toBe(false);
    expect(() => loadConfig({ SANDBOX: 'false' })).toThrow(/^SANDBOX=false needs a provider key/);
  });
});

interface Setting {
  variable: string;
  /** A value start-up refuses; none for free text (and HOST, refused when it cannot be listened on). */
  bad?: string;
  /** The settings it is read with: a provider's other settings are kept once its key is set. */
  alongside?: Record<string, string>;
  /** Where the setting lands, and its documented default: what unset and empty both give. */
  read: (config: Config) => unknown;
  byDefault: unknown;
}

const stripeKey = { STRIPE_SECRET_KEY: 'sk_live_123abc' };

/** Every variable of the tables in docs/configuration.md. A new variable gets a row here. */
const settings: Setting[] = [
  { variable: 'PORT', bad: 'abc', read: (c) => c.port, byDefault: 4001 },
  { variable: 'HOST', read: (c) => c.host, byDefault: '0.0.0.0' },
  { variable: 'LOG_LEVEL', bad: 'loud', read: (c) => c.logLevel, byDefault: 'info' },
  { variable: 'SANDBOX', bad: 'maybe', read: (c) => c.sandbox, byDefault: true },
  { variable: 'STRIPE_SECRET_KEY', bad: 'pk_live_publishable', read: (c) => c.providers.stripe?.secretKey, byDefault: undefined },
  { variable: 'STRIPE_API_URL', bad: 'api.stripe.com', alongside: stripeKey, read: (c) => c.providers.stripe?.apiUrl, byDefault: 'https://api.stripe.com' },
  { variable: 'STRIPE_API_VERSION', bad: 'latest', alongside: stripeKey, read: (c) => (c.providers.stripe as StripeSection | undefined)?.apiVersion, byDefault: '2026-07-29.dahlia' },
  { variable: 'CONVERGEGATE_SECRET_KEY', bad: 'pk_test_abc', read: (c) => c.providers.convergegate?.secretKey, byDefault: undefined },
  { variable: 'CONVERGEGATE_API_URL', bad: 'pay.example.com', read: (c) => c.providers.convergegate?.apiUrl, byDefault: undefined },
  { variable: 'ORDER_ID_METADATA_KEY', read: (c) => c.orderIdMetadataKey, byDefault: 'order_id' },
  { variable: 'PROVIDER_CONCURRENCY', bad: '0', read: (c) => c.provider.concurrencyPerRequest, byDefault: 16 },
  { variable: 'PROVIDER_MAX_CONNECTIONS', bad: 'many', read: (c) => c.provider.maxConnectionsPerOrigin, byDefault: 128 },
  { variable: 'PROVIDER_TIMEOUT_MS', bad: '5s', read: (c) => c.provider.timeoutMs, byDefault: 5000 },
  { variable: 'PROVIDER_MAX_RETRIES', bad: '-1', read: (c) => c.provider.maxRetries, byDefault: 2 },
  { variable: 'PROVIDER_RETRY_BASE_DELAY_MS', bad: '0', read: (c) => c.provider.retryBaseDelayMs, byDefault: 250 },
  { variable: 'PROVIDER_RETRY_MAX_DELAY_MS', bad: '1.5', read: (c) => c.provider.retryMaxDelayMs, byDefault: 2000 },
  { variable: 'PROVIDER_RATE_LIMIT', bad: 'fast', read: (c) => c.provider.endpointRateLimit, byDefault: undefined },
  { variable: 'PROVIDER_GLOBAL_RATE_LIMIT', bad: '-1', read: (c) => c.provider.globalRateLimit, byDefault: undefined },
  { variable: 'PROVIDER_QUEUE_TIMEOUT_MS', bad: '-5', read: (c) => c.provider.queueTimeoutMs, byDefault: 5_000 },
  { variable: 'PROVIDER_REQUEST_DEADLINE_MS', bad: '0', read: (c) => c.provider.requestDeadlineMs, byDefault: 15_000 },
  { variable: 'PROVIDER_BREAKER_MIN_CALLS', bad: '-1', read: (c) => c.provider.breaker.minCalls, byDefault: 50 },
  { variable: 'PROVIDER_BREAKER_FAILURE_RATE', bad: '1.5', read: (c) => c.provider.breaker.failureRate, byDefault: 0.5 },
  { variable: 'PROVIDER_BREAKER_WINDOW_MS', bad: '0', read: (c) => c.provider.breaker.windowMs, byDefault: 10_000 },
  { variable: 'PROVIDER_BREAKER_COOLDOWN_MS', bad: '0', read: (c) => c.provider.breaker.cooldownMs, byDefault: 10_000 },
  { variable: 'PROVIDER_MAX_RESPONSE_BYTES', bad: '1MB', read: (c) => c.provider.maxResponseBytes, byDefault: 1_048_576 },
  { variable: 'MAX_REQUEST_BODY_BYTES', bad: '0', read: (c) => c.server.maxRequestBodyBytes, byDefault: 1_048_576 },
  { variable: 'MAX_REQUEST_BODIES_IN_FLIGHT', bad: '0', read: (c) => c.server.maxRequestBodiesInFlight, byDefault: 64 },
  { variable: 'HEADERS_TIMEOUT_MS', bad: '0', read: (c) => c.server.headersTimeoutMs, byDefault: 10_000 },
  { variable: 'REQUEST_BODY_TIMEOUT_MS', bad: '10s', read: (c) => c.server.requestBodyTimeoutMs, byDefault: 10_000 },
  { variable: 'IDLE_TIMEOUT_MS', bad: '-1', read: (c) => c.server.idleTimeoutMs, byDefault: 60_000 },
  { variable: 'KEEP_ALIVE_TIMEOUT_MS', bad: '0', read: (c) => c.server.keepAliveTimeoutMs, byDefault: 10_000 },
  { variable: 'CORS_ORIGINS', bad: 'example.com', read: (c) => c.server.corsOrigins, byDefault: ['https://studio.apollographql.com'] },
  { variable: 'SHUTDOWN_TIMEOUT_MS', bad: '0', read: (c) => c.server.shutdownTimeoutMs, byDefault: 10_000 },
  { variable: 'REDIS_URL', bad: 'http://cache.internal:6379', read: (c) => c.redis.url, byDefault: undefined },
  { variable: 'REDIS_KEY_PREFIX', read: (c) => c.redis.keyPrefix, byDefault: 'payments-subgraph:' },
  { variable: 'REDIS_TIMEOUT_MS', bad: '0', read: (c) => c.redis.timeoutMs, byDefault: 50 },
  { variable: 'REDIS_FALLBACK_REPLICAS', bad: 'two', read: (c) => c.redis.fallbackReplicas, byDefault: 1 },
  { variable: 'SHUTDOWN_READINESS_DELAY_MS', bad: '-1', read: (c) => c.server.readinessDelayMs, byDefault: 0 },
  { variable: 'METRICS_PORT', bad: '70000', read: (c) => c.observability.metricsPort, byDefault: undefined },
  { variable: 'OTEL_EXPORTER_OTLP_ENDPOINT', bad: 'collector:4318', read: (c) => c.observability.otlpEndpoint, byDefault: undefined },
  { variable: 'CACHE', bad: 'maybe', read: (c) => c.cache.enabled, byDefault: true },
  { variable: 'CACHE_MAX_ENTRIES', bad: '0', read: (c) => c.cache.maxEntries, byDefault: 10_000 },
  { variable: 'CACHE_MAX_BYTES', bad: '0', read: (c) => c.cache.maxBytes, byDefault: 16_777_216 },
  { variable: 'CACHE_OPEN_TTL_MS', bad: '-1', read: (c) => c.cache.ttlMs.open, byDefault: 2000 },
  { variable: 'CACHE_FINAL_TTL_MS', bad: '10m', read: (c) => c.cache.ttlMs.final, byDefault: 600_000 },
  { variable: 'CACHE_REFUNDS_TTL_MS', bad: '-1', read: (c) => c.cache.ttlMs.refunds, byDefault: 10_000 },
  { variable: 'CACHE_LINE_ITEMS_TTL_MS', bad: '-1', read: (c) => c.cache.ttlMs.lineItems, byDefault: 30_000 },
  { variable: 'CACHE_NOT_FOUND_TTL_MS', bad: '-1', read: (c) => c.cache.ttlMs.notFound, byDefault: 2000 },
  { variable: 'CACHE_STALE_WINDOW_MS', bad: '-1', read: (c) => c.cache.staleWindowMs, byDefault: 60_000 },
  { variable: 'CACHE_STALE_ANSWER_AFTER_MS', bad: 'soon', read: (c) => c.cache.staleAnswerAfterMs, byDefault: 250 },
  { variable: 'STRIPE_WEBHOOK_SECRET', bad: 'sk_test_notAWebhookSecret', alongside: stripeKey, read: (c) => c.providers.stripe?.webhookSecret, byDefault: undefined },
  { variable: 'CONVERGEGATE_WEBHOOK_SECRET', read: (c) => c.sandboxSettings.CONVERGEGATE_WEBHOOK_SECRET, byDefault: undefined },
  { variable: 'WEBHOOK_TOLERANCE_SECONDS', bad: '0', read: (c) => c.webhooks.toleranceSeconds, byDefault: 300 },
  { variable: 'WEBHOOK_FUTURE_SKEW_SECONDS', bad: '-1', read: (c) => c.webhooks.futureSkewSeconds, byDefault: 30 },
  { variable: 'ROUTER_SECRET', read: (c) => c.server.routerSecret, byDefault: undefined },
  { variable: 'INTROSPECTION', bad: 'maybe', read: (c) => c.graphql.introspection, byDefault: true },
  { variable: 'INLINE_TRACES', bad: 'maybe', read: (c) => c.graphql.inlineTraces, byDefault: false },
  { variable: 'MAX_ENTITIES_PER_REQUEST', bad: '0', read: (c) => c.graphql.maxEntitiesPerRequest, byDefault: 500 },
  { variable: 'MAX_QUERY_DEPTH', bad: '0', read: (c) => c.graphql.maxQueryDepth, byDefault: 10 },
  { variable: 'MAX_QUERY_COST', bad: '0', read: (c) => c.graphql.maxQueryCost, byDefault: 50_000 },
  { variable: 'NODE_ENV', read: (c) => c.graphql.introspection, byDefault: true },
  { variable: 'MAX_SUBSCRIPTIONS', bad: '0', read: (c) => c.subscriptions.maxPerProcess, byDefault: 10_000 },
  { variable: 'MAX_SUBSCRIPTIONS_PER_CONNECTION', bad: '-3', read: (c) => c.subscriptions.maxPerConnection, byDefault: 1_000 },
  { variable: 'SUBSCRIPTION_MAX_LIFETIME_MS', bad: '1h', read: (c) => c.subscriptions.maxLifetimeMs, byDefault: 3_600_000 },
  { variable: 'SUBSCRIPTION_KEEPALIVE_MS', bad: '0', read: (c) => c.subscriptions.keepAliveMs, byDefault: 12_000 },
];

describe('every configuration variable', () => {
  it.each(settings.filter((setting) => setting.bad !== undefined))(
    'refuses $variable=$bad with one line naming $variable and a good value',
    ({ variable, bad }) => {
      let message = '';
      try {
        loadConfig({ [variable]: bad });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message).toMatch(new RegExp(`^${variable} is not [^\\n]+; for example ${variable}=\\S+$`));
    },
  );

  it.each(settings)('reads $variable set but empty as unset: its default', ({ variable, alongside, read, byDefault }) => {
    expect(read(loadConfig({ ...alongside, [variable]: '' }))).toEqual(byDefault);
  });

  it('has a row above for each variable docs/configuration.md documents', () => {
    const configuration = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
    const documented = [...configuration.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]);
    expect(documented.length).toBeGreaterThan(30);
    expect(settings.map((setting) => setting.variable)).toEqual(expect.arrayContaining(documented));
  });
});
