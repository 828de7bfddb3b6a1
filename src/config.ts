import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const optionalSecret = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STRIPE_SECRET_KEY: optionalSecret.refine((key) => key === undefined || /^(sk|rk)_(test|live)_\w+$/.test(key), {
    message: 'must be a Stripe secret or restricted key (sk_test_..., sk_live_..., rk_...)',
  }),
  STRIPE_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.stripe.com'),
  STRIPE_API_VERSION: z.string().min(1).default('2026-07-29.dahlia'),
  PROVIDER_CONCURRENCY: positiveInt(16),
  PROVIDER_MAX_CONNECTIONS: positiveInt(128),
  PROVIDER_TIMEOUT_MS: positiveInt(5000),
  MAX_REQUEST_BODY_BYTES: positiveInt(1024 * 1024),
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
  CONVERGE_GATE_WEBHOOK_SECRET: optionalSecret,
  WEBHOOK_TOLERANCE_SECONDS: positiveInt(300),
  CORS_ORIGINS: z
    .string()
    .default('https://studio.apollographql.com')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    ),
});

export interface StripeConfig {
  /** Undefined when Stripe is not configured. */
  secretKey: string | undefined;
  apiUrl: string;
  apiVersion: string;
}

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  /** True when no provider key is set: the subgraph serves the built-in emulator. */
  sandbox: boolean;
  stripe: StripeConfig;
  provider: {
    concurrencyPerRequest: number;
    maxConnectionsPerOrigin: number;
    timeoutMs: number;
  };
  server: {
    maxRequestBodyBytes: number;
    corsOrigins: string[];
  };
  cache: CacheConfig;
  webhooks: WebhookConfig;
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
    sandbox: env.STRIPE_SECRET_KEY === undefined,
    stripe: { secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL, apiVersion: env.STRIPE_API_VERSION },
    provider: {
      concurrencyPerRequest: env.PROVIDER_CONCURRENCY,
      maxConnectionsPerOrigin: env.PROVIDER_MAX_CONNECTIONS,
      timeoutMs: env.PROVIDER_TIMEOUT_MS,
    },
    server: {
      maxRequestBodyBytes: env.MAX_REQUEST_BODY_BYTES,
      corsOrigins: env.CORS_ORIGINS,
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
      convergeGateSecret: env.CONVERGE_GATE_WEBHOOK_SECRET,
      toleranceSeconds: env.WEBHOOK_TOLERANCE_SECONDS,
    },
  };
}
