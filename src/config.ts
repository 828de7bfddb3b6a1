import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1')
  .optional();
const optionalSecret = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

const environmentSchema = z
  .object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STRIPE_SECRET_KEY: optionalSecret.refine((key) => key === undefined || /^(sk|rk)_(test|live)_\w+$/.test(key), {
    message: 'must be a Stripe secret or restricted key (sk_test_..., sk_live_..., rk_...)',
  }),
  STRIPE_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.stripe.com'),
  STRIPE_API_VERSION: z.string().min(1).default('2026-07-29.dahlia'),
  CONVERGEGATE_SECRET_KEY: optionalSecret.refine((key) => key === undefined || /^sk_(test|live)_\w+$/.test(key), {
    message: 'must be a Converge Gate secret key (sk_test_... or sk_live_...)',
  }),
  CONVERGEGATE_API_URL: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .optional()
    .pipe(
      z
        .url({ protocol: /^https?$/ })
        .refine((url) => url.startsWith('https:') || (URL.canParse(url) && loopbackHosts.has(new URL(url).hostname)), {
          message: 'must be an https URL (http only on localhost)',
        })
        .optional(),
    ),
  ORDER_ID_METADATA_KEY: z.string().trim().min(1).default('order_id'),
  PROVIDER_CONCURRENCY: positiveInt(16),
  PROVIDER_MAX_CONNECTIONS: positiveInt(128),
  PROVIDER_TIMEOUT_MS: positiveInt(5000),
  PROVIDER_MAX_RETRIES: nonNegativeInt(2),
  PROVIDER_RETRY_BASE_DELAY_MS: positiveInt(250),
  PROVIDER_RETRY_MAX_DELAY_MS: positiveInt(2000),
  PROVIDER_RATE_LIMIT: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().min(0).optional()),
  PROVIDER_QUEUE_TIMEOUT_MS: nonNegativeInt(30_000),
  PROVIDER_BREAKER_FAILURES: nonNegativeInt(10),
  PROVIDER_BREAKER_COOLDOWN_MS: positiveInt(10_000),
  PROVIDER_MAX_RESPONSE_BYTES: positiveInt(1024 * 1024),
  MAX_REQUEST_BODY_BYTES: positiveInt(1024 * 1024),
  MAX_ENTITIES_PER_REQUEST: positiveInt(500),
  MAX_QUERY_DEPTH: positiveInt(10),
  MAX_QUERY_COST: positiveInt(50_000),
  NODE_ENV: z.string().optional(),
  INTROSPECTION: booleanFlag,
  ROUTER_SECRET: optionalSecret,
  SHUTDOWN_TIMEOUT_MS: positiveInt(10_000),
  CACHE: z.enum(['on', 'off']).default('on'),
  CACHE_MAX_ENTRIES: positiveInt(10_000),
  CACHE_MAX_BYTES: positiveInt(16 * 1024 * 1024),
  CACHE_OPEN_TTL_MS: nonNegativeInt(2_000),
  CACHE_FINAL_TTL_MS: nonNegativeInt(10 * 60_000),
  CACHE_REFUNDS_TTL_MS: nonNegativeInt(10_000),
  CACHE_LINE_ITEMS_TTL_MS: nonNegativeInt(30_000),
  CACHE_NOT_FOUND_TTL_MS: nonNegativeInt(2_000),
  STRIPE_WEBHOOK_SECRET: optionalSecret.refine((secret) => secret === undefined || /^whsec_\w+$/.test(secret), {
    message: 'must be a Stripe webhook endpoint secret (whsec_...)',
  }),
  CONVERGEGATE_WEBHOOK_SECRET: optionalSecret,
  WEBHOOK_TOLERANCE_SECONDS: positiveInt(300),
  REDIS_URL: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .optional()
    .pipe(z.url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL' }).optional()),
  REDIS_KEY_PREFIX: z.string().default('payments-subgraph:'),
  REDIS_TIMEOUT_MS: positiveInt(50),
  REDIS_FALLBACK_REPLICAS: positiveInt(1),
  CORS_ORIGINS: z
    .string()
    .default('https://studio.apollographql.com')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    ),
  })
  .refine((env) => env.CONVERGEGATE_SECRET_KEY === undefined || env.CONVERGEGATE_API_URL !== undefined, {
    path: ['CONVERGEGATE_API_URL'],
    message: 'is required when CONVERGEGATE_SECRET_KEY is set: the base URL Converge Gate gave the merchant',
  });

export interface StripeConfig {
  /** Undefined when Stripe is not configured. */
  secretKey: string | undefined;
  apiUrl: string;
  apiVersion: string;
}

export interface ConvergeGateConfig {
  /** Undefined when Converge Gate is not configured. */
  secretKey: string | undefined;
  /** The merchant's base URL; it may carry a path. Set whenever the key is. */
  apiUrl: string | undefined;
}

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  /** True when no provider key is set: the subgraph serves the built-in emulator. */
  sandbox: boolean;
  stripe: StripeConfig;
  convergeGate: ConvergeGateConfig;
  /** The metadata key holding a session's order id when it has no client reference id. */
  orderIdMetadataKey: string;
  provider: {
    concurrencyPerRequest: number;
    maxConnectionsPerOrigin: number;
    timeoutMs: number;
    maxRetries: number;
    retryBaseDelayMs: number;
    /** Ceiling of the retry backoff and of a `Retry-After` the subgraph waits for. */
    retryMaxDelayMs: number;
    /** Undefined: each provider's own default; 0: no pacing. */
    rateLimitPerSecond: number | undefined;
    queueTimeoutMs: number;
    /** 0 turns the circuit breaker off. */
    breakerFailureThreshold: number;
    breakerCooldownMs: number;
    maxResponseBytes: number;
  };
  server: {
    maxRequestBodyBytes: number;
    corsOrigins: string[];
    /** When set, only requests carrying it in `Router-Secret` are served. */
    routerSecret: string | undefined;
    shutdownTimeoutMs: number;
  };
  graphql: {
    /** Introspection and the Sandbox landing page. */
    introspection: boolean;
    maxEntitiesPerRequest: number;
    maxQueryDepth: number;
    maxQueryCost: number;
  };
  cache: CacheConfig;
  webhooks: WebhookConfig;
  redis: RedisConfig;
}

/** Fleet mode: a Redis shared by every replica for the second cache level, evictions and the rate budget. */
export interface RedisConfig {
  /** `redis://` or `rediss://` (TLS), credentials included; undefined: every replica is on its own. */
  url: string | undefined;
  /** Put before every key and channel, so several deployments can share one Redis. */
  keyPrefix: string;
  /** Deadline of every Redis operation. */
  timeoutMs: number;
  /** While Redis is unreachable, each replica paces calls at the provider's rate divided by this. */
  fallbackReplicas: number;
}

export interface CacheConfig {
  /** False with `CACHE=off`: nothing is kept, concurrent reads are still shared. */
  enabled: boolean;
  maxEntries: number;
  maxBytes: number;
  ttlMs: CacheTtls;
}

/** How long each kind of provider answer is kept, in milliseconds; 0 keeps nothing. */
export interface CacheTtls {
  /** Sessions that can still change: open, pending, complete but unpaid. */
  open: number;
  /** Sessions that can no longer change: expired, or complete and paid. */
  final: number;
  refunds: number;
  lineItems: number;
  notFound: number;
}

export interface WebhookConfig {
  /** Stripe's endpoint secret (`whsec_...`); undefined leaves `/webhooks/stripe` off. */
  stripeSecret: string | undefined;
  /** The Converge Gate secret key its webhooks are signed with; undefined leaves `/webhooks/convergegate` off. */
  convergeGateSecret: string | undefined;
  /** Oldest signed timestamp accepted, in seconds either side of now. */
  toleranceSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once, at start-up; every message names the variable at fault. */
export function loadConfig(environment: NodeJS.ProcessEnv): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    sandbox: env.STRIPE_SECRET_KEY === undefined && env.CONVERGEGATE_SECRET_KEY === undefined,
    stripe: { secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL, apiVersion: env.STRIPE_API_VERSION },
    convergeGate: { secretKey: env.CONVERGEGATE_SECRET_KEY, apiUrl: env.CONVERGEGATE_API_URL },
    orderIdMetadataKey: env.ORDER_ID_METADATA_KEY,
    provider: {
      concurrencyPerRequest: env.PROVIDER_CONCURRENCY,
      maxConnectionsPerOrigin: env.PROVIDER_MAX_CONNECTIONS,
      timeoutMs: env.PROVIDER_TIMEOUT_MS,
      maxRetries: env.PROVIDER_MAX_RETRIES,
      retryBaseDelayMs: env.PROVIDER_RETRY_BASE_DELAY_MS,
      retryMaxDelayMs: env.PROVIDER_RETRY_MAX_DELAY_MS,
      rateLimitPerSecond: env.PROVIDER_RATE_LIMIT,
      queueTimeoutMs: env.PROVIDER_QUEUE_TIMEOUT_MS,
      breakerFailureThreshold: env.PROVIDER_BREAKER_FAILURES,
      breakerCooldownMs: env.PROVIDER_BREAKER_COOLDOWN_MS,
      maxResponseBytes: env.PROVIDER_MAX_RESPONSE_BYTES,
    },
    server: {
      maxRequestBodyBytes: env.MAX_REQUEST_BODY_BYTES,
      corsOrigins: env.CORS_ORIGINS,
      routerSecret: env.ROUTER_SECRET,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    },
    graphql: {
      introspection: env.INTROSPECTION ?? env.NODE_ENV !== 'production',
      maxEntitiesPerRequest: env.MAX_ENTITIES_PER_REQUEST,
      maxQueryDepth: env.MAX_QUERY_DEPTH,
      maxQueryCost: env.MAX_QUERY_COST,
    },
    cache: {
      enabled: env.CACHE === 'on',
      maxEntries: env.CACHE_MAX_ENTRIES,
      maxBytes: env.CACHE_MAX_BYTES,
      ttlMs: {
        open: env.CACHE_OPEN_TTL_MS,
        final: env.CACHE_FINAL_TTL_MS,
        refunds: env.CACHE_REFUNDS_TTL_MS,
        lineItems: env.CACHE_LINE_ITEMS_TTL_MS,
        notFound: env.CACHE_NOT_FOUND_TTL_MS,
      },
    },
    webhooks: {
      stripeSecret: env.STRIPE_WEBHOOK_SECRET,
      convergeGateSecret: env.CONVERGEGATE_WEBHOOK_SECRET,
      toleranceSeconds: env.WEBHOOK_TOLERANCE_SECONDS,
    },
    redis: {
      url: env.REDIS_URL,
      keyPrefix: env.REDIS_KEY_PREFIX,
      timeoutMs: env.REDIS_TIMEOUT_MS,
      fallbackReplicas: env.REDIS_FALLBACK_REPLICAS,
    },
  };
}
