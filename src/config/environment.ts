import { z } from 'zod';
import { providerVariableShapes } from './provider-sections.js';
import {
  booleanFlag,
  freeText,
  nonNegativeInt,
  portNumber,
  positiveInt,
  settingRules,
} from './settings.js';

const defaultCorsOrigin = 'https://studio.apollographql.com';

/** What a browser sends as `Origin`: scheme, host and port, nothing more. */
const isOrigin = (origin: string) => URL.canParse(origin) && new URL(origin).origin === origin;

/** Every variable the subgraph reads, with its rule and default. */
export const environmentSchema = z
  .object({
  PORT: portNumber(4001),
  HOST: z.string().trim().default('0.0.0.0').register(settingRules, { expected: 'a host name or IP address', example: '0.0.0.0' }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .register(settingRules, { expected: 'one of fatal, error, warn, info, debug, trace, silent', example: 'info' }),
  SANDBOX: booleanFlag('true'),
  // Each provider's own, from its folder's settings.ts.
  ...providerVariableShapes,
  ORDER_ID_METADATA_KEY: z.string().trim().default('order_id'),
  PROVIDER_CONCURRENCY: positiveInt(16),
  PROVIDER_MAX_CONNECTIONS: positiveInt(128),
  PROVIDER_TIMEOUT_MS: positiveInt(5000),
  PROVIDER_MAX_RETRIES: nonNegativeInt(2),
  PROVIDER_RETRY_BASE_DELAY_MS: positiveInt(250),
  PROVIDER_RETRY_MAX_DELAY_MS: positiveInt(2000),
  PROVIDER_RATE_LIMIT: z.coerce
    .number()
    .min(0)
    .optional()
    .register(settingRules, { expected: 'a number of calls per second to each endpoint, 0 or more', example: '20' }),
  PROVIDER_GLOBAL_RATE_LIMIT: z.coerce
    .number()
    .min(0)
    .optional()
    .register(settingRules, { expected: 'a number of calls per second to a provider account, 0 or more', example: '80' }),
  PROVIDER_QUEUE_TIMEOUT_MS: nonNegativeInt(5_000),
  PROVIDER_REQUEST_DEADLINE_MS: positiveInt(15_000),
  PROVIDER_BREAKER_MIN_CALLS: nonNegativeInt(50),
  PROVIDER_BREAKER_FAILURE_RATE: z.coerce
    .number()
    .gt(0)
    .max(1)
    .default(0.5)
    .register(settingRules, { expected: 'a share of calls above 0 and at most 1', example: '0.5' }),
  PROVIDER_BREAKER_WINDOW_MS: positiveInt(10_000),
  PROVIDER_BREAKER_COOLDOWN_MS: positiveInt(10_000),
  PROVIDER_MAX_RESPONSE_BYTES: positiveInt(1024 * 1024),
  MAX_REQUEST_BODY_BYTES: positiveInt(1024 * 1024),
  MAX_REQUEST_BODIES_IN_FLIGHT: positiveInt(64),
  HEADERS_TIMEOUT_MS: positiveInt(10_000),
  REQUEST_BODY_TIMEOUT_MS: positiveInt(10_000),
  IDLE_TIMEOUT_MS: positiveInt(60_000),
  KEEP_ALIVE_TIMEOUT_MS: positiveInt(10_000),
  MAX_ENTITIES_PER_REQUEST: positiveInt(500),
  MAX_QUERY_DEPTH: positiveInt(10),
  MAX_QUERY_COST: positiveInt(50_000),
  NODE_ENV: freeText,
  INTROSPECTION: booleanFlag('false'),
  INLINE_TRACES: booleanFlag('false'),
  ROUTER_SECRET: freeText,
  SHUTDOWN_TIMEOUT_MS: positiveInt(10_000),
  SHUTDOWN_READINESS_DELAY_MS: nonNegativeInt(0),
  METRICS_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .optional()
    .register(settingRules, { expected: 'a port number from 0 to 65535', example: '9464' }),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/ })
    .optional()
    .register(settingRules, { expected: 'an http or https URL of an OTLP/HTTP collector', example: 'http://localhost:4318' }),
  CACHE: booleanFlag('on'),
  CACHE_MAX_ENTRIES: positiveInt(10_000),
  CACHE_MAX_BYTES: positiveInt(16 * 1024 * 1024),
  CACHE_OPEN_TTL_MS: nonNegativeInt(2_000),
  CACHE_FINAL_TTL_MS: nonNegativeInt(10 * 60_000),
  CACHE_REFUNDS_TTL_MS: nonNegativeInt(10_000),
  CACHE_LINE_ITEMS_TTL_MS: nonNegativeInt(30_000),
  CACHE_NOT_FOUND_TTL_MS: nonNegativeInt(2_000),
  CACHE_STALE_WINDOW_MS: nonNegativeInt(60_000),
  CACHE_STALE_ANSWER_AFTER_MS: nonNegativeInt(250),
  WEBHOOK_TOLERANCE_SECONDS: positiveInt(300),
  WEBHOOK_FUTURE_SKEW_SECONDS: nonNegativeInt(30),
  MAX_SUBSCRIPTIONS: positiveInt(10_000),
  MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt(1_000),
  SUBSCRIPTION_MAX_LIFETIME_MS: positiveInt(60 * 60_000),
  SUBSCRIPTION_MAX_BUFFERED_BYTES: positiveInt(2 * 1024 * 1024),
  CALLBACK_HEARTBEAT_MIN_MS: positiveInt(1_000),
  SUBSCRIPTION_KEEPALIVE_MS: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .register(settingRules, { expected: 'a whole number of 1 or more', example: '12000' }),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/ })
    .optional()
    .register(settingRules, { expected: 'a redis:// or rediss:// (TLS) URL', example: 'redis://localhost:6379/0' }),
  REDIS_KEY_PREFIX: z.string().default('payments-subgraph:'),
  REDIS_TIMEOUT_MS: positiveInt(50),
  REDIS_FALLBACK_REPLICAS: positiveInt(1),
  CORS_ORIGINS: z
    .string()
    .default(defaultCorsOrigin)
    .transform((list) =>
      list.trim() === 'none'
        ? []
        : list
            .split(',')
            .map((origin) => origin.trim())
            .filter((origin) => origin !== ''),
    )
    .refine((origins) => origins.every((origin) => origin === '*' || isOrigin(origin)))
    .register(settingRules, {
      expected: 'a comma-separated list of origins with their scheme (https://host or https://host:port), * for any, or none',
      example: defaultCorsOrigin,
    }),
  });

export type Environment = z.infer<typeof environmentSchema>;
