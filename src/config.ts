import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
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
  MAX_REQUEST_BODY_BYTES: positiveInt(1024 * 1024),
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
  };
  server: {
    maxRequestBodyBytes: number;
    corsOrigins: string[];
  };
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
    },
    server: {
      maxRequestBodyBytes: env.MAX_REQUEST_BODY_BYTES,
      corsOrigins: env.CORS_ORIGINS,
    },
  };
}
