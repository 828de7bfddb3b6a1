import { z } from 'zod';

/** What a setting has to be and a good value of it: the start-up error for a bad value says both. */
interface SettingRule {
  expected: string;
  example: string;
}

const settingRules = z.registry<SettingRule>();

const positiveInt = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .positive()
    .default(fallback)
    .register(settingRules, { expected: 'a whole number of 1 or more', example: String(fallback) });
const nonNegativeInt = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .default(fallback)
    .register(settingRules, { expected: 'a whole number of 0 or more', example: String(fallback) });
/** What every on/off setting accepts, in any case. */
const trueSpellings = ['true', '1', 'yes', 'on'];
const falseSpellings = ['false', '0', 'no', 'off'];
const booleanFlag = (example: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum([...trueSpellings, ...falseSpellings]))
    .transform((value) => trueSpellings.includes(value))
    .optional()
    .register(settingRules, { expected: 'true or false (or 1/0, yes/no, on/off)', example });
/** A port to listen on, `fallback` when unset; also read by `npm run demo` for its own ports. */
export const portNumber = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(fallback)
    .register(settingRules, { expected: 'a port number from 0 to 65535', example: String(fallback) });
const freeText = z.string().trim().optional();
const providerKey = (pattern: RegExp, rule: SettingRule) => z.string().trim().regex(pattern).optional().register(settingRules, rule);

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A provider's base URL: the key travels with every call, so plain http only to this machine. */
const providerUrl = z
  .url({ protocol: /^https?$/ })
  .refine((url) => url.startsWith('https:') || (URL.canParse(url) && loopbackHosts.has(new URL(url).hostname)));
const providerUrlRule = (example: string): SettingRule => ({ expected: 'an https URL (plain http only on localhost)', example });
const defaultCorsOrigin = 'https://studio.apollographql.com';

/** What a browser sends as `Origin`: scheme, host and port, nothing more. */
const isOrigin = (origin: string) => URL.canParse(origin) && new URL(origin).origin === origin;

const environmentSchema = z
  .object({
  PORT: portNumber(4001),
  HOST: z.string().trim().default('0.0.0.0').register(settingRules, { expected: 'a host name or IP address', example: '0.0.0.0' }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .register(settingRules, { expected: 'one of fatal, error, warn, info, debug, trace, silent', example: 'info' }),
  SANDBOX: booleanFlag('true'),
  STRIPE_SECRET_KEY: providerKey(/^(sk|rk)_(test|live)_\w+$/, {
    expected: 'a Stripe secret or restricted key (sk_live_..., sk_test_..., rk_live_..., rk_test_...)',
    example: 'sk_live_...',
  }),
  STRIPE_API_URL: providerUrl.default('https://api.stripe.com').register(settingRules, providerUrlRule('https://api.stripe.com')),
  STRIPE_API_VERSION: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/)
    .default('2026-07-29.dahlia')
    .register(settingRules, { expected: 'a Stripe API version, YYYY-MM-DD with an optional .name', example: '2026-07-29.dahlia' }),
  CONVERGEGATE_SECRET_KEY: providerKey(/^sk_(test|live)_\w+$/, {
    expected: 'a Converge Gate secret key (sk_live_... or sk_test_...)',
    example: 'sk_live_...',
  }),
  CONVERGEGATE_API_URL: providerUrl.optional().register(settingRules, providerUrlRule('https://pay.example.com/gateway')),
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
  STRIPE_WEBHOOK_SECRET: providerKey(/^whsec_\w+$/, {
    expected: 'a Stripe webhook endpoint secret (whsec_...)',
    example: 'whsec_...',
  }),
  CONVERGEGATE_WEBHOOK_SECRET: freeText,
  WEBHOOK_TOLERANCE_SECONDS: positiveInt(300),
  WEBHOOK_FUTURE_SKEW_SECONDS: nonNegativeInt(30),
  MAX_SUBSCRIPTIONS: positiveInt(10_000),
  MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt(1_000),
  SUBSCRIPTION_MAX_LIFETIME_MS: positiveInt(60 * 60_000),
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

type Environment = z.infer<typeof environmentSchema>;

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
  /** Settings that start but deserve a word: one line each, logged at `warn` once logging is set up. */
  warnings: string[];
  port: number;
  host: string;
  logLevel: Environment['LOG_LEVEL'];
  /** The subgraph serves the built-in emulator and its example sessions (see `SANDBOX`). */
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
    /** Calls per second to each endpoint of a provider account. Undefined: 80% of each provider's documented limit, none where it documents none; 0: none. */
    endpointRateLimit: number | undefined;
    /** Calls per second to a provider account over all endpoints. Undefined: 80% of its documented limit, or 20; 0: none. */
    globalRateLimit: number | undefined;
    /** Longest a call waits for its turn under the rate budgets: a call whose turn would come later is refused at once. */
    queueTimeoutMs: number;
    /** Bound on one GraphQL request's provider work (queueing and calls), kept below the router's subgraph timeout. */
    requestDeadlineMs: number;
    breaker: {
      /** Calls within the window before their failure rate is judged; 0 turns the breaker off. */
      minCalls: number;
      /** Share of those calls, in (0, 1], that failed as unavailable and opens the circuit. */
      failureRate: number;
      windowMs: number;
      cooldownMs: number;
    };
    maxResponseBytes: number;
  };
  server: {
    maxRequestBodyBytes: number;
    /** Request bodies (GraphQL and webhooks) read at once; a request beyond it gets 503 before its body is read. */
    maxRequestBodiesInFlight: number;
    /** A request whose headers have not all arrived within this is cut with 408. */
    headersTimeoutMs: number;
    /** A request that has not been received whole (headers and body) within this is cut with 408. */
    requestBodyTimeoutMs: number;
    /** A connection on which nothing was read or written for this long is closed, in the middle of a response too. */
    idleTimeoutMs: number;
    /** How long a connection is kept open after its last response, waiting for the next request. */
    keepAliveTimeoutMs: number;
    corsOrigins: string[];
    /** When set, only requests carrying it in `Router-Secret` are served. */
    routerSecret: string | undefined;
    shutdownTimeoutMs: number;
    /** On a termination signal, how long `/ready` fails while requests are still accepted. */
    readinessDelayMs: number;
  };
  graphql: {
    /** Introspection and the Sandbox landing page; off, error messages suggest no field names either. */
    introspection: boolean;
    /** Per-field timings (`ftv1`) for requests that ask with `apollo-federation-include-trace`: the router's. */
    inlineTraces: boolean;
    maxEntitiesPerRequest: number;
    maxQueryDepth: number;
    maxQueryCost: number;
  };
  cache: CacheConfig;
  webhooks: WebhookConfig;
  subscriptions: SubscriptionsConfig;
  redis: RedisConfig;
  observability: ObservabilityConfig;
}

/** Fleet mode: a Redis shared by every replica for the second cache level, evictions and the rate budget. */
export interface RedisConfig {
  /** `redis://` or `rediss://` (TLS), credentials included; undefined: every replica is on its own. */
  url: string | undefined;
  /** Put before every key and channel, so several deployments can share one Redis. */
  keyPrefix: string;
  /** Deadline of every Redis operation. */
  timeoutMs: number;
  /** While Redis is unreachable, each replica paces calls at the budgets' rates divided by this. */
  fallbackReplicas: number;
}

export interface ObservabilityConfig {
  /** Undefined: `/metrics` is served on `PORT` beside `/health`. */
  metricsPort: number | undefined;
  /** Undefined: tracing is off. */
  otlpEndpoint: string | undefined;
}

export interface CacheConfig {
  /** False with `CACHE=off`: nothing is kept, concurrent reads are still shared. */
  enabled: boolean;
  maxEntries: number;
  maxBytes: number;
  ttlMs: CacheTtls;
  /** How long a session's copy is kept past its cache age, to answer from when a fresh read cannot get a turn; 0: not at all. */
  staleWindowMs: number;
  /** Longest a read holding such a copy waits for its call to get a turn before it is answered from the copy. */
  staleAnswerAfterMs: number;
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

/** `checkoutSessionUpdated` over SSE and graphql-ws. */
export interface SubscriptionsConfig {
  /** Open subscriptions this process serves at once, over every connection. */
  maxPerProcess: number;
  /** Open subscriptions one connection (a WebSocket; an SSE stream carries one) may hold. */
  maxPerConnection: number;
  /** A subscription still open after this long is completed; the client subscribes again. */
  maxLifetimeMs: number;
  /** Between keep-alive pings on every stream and WebSocket; a WebSocket that has not answered one by the next is closed. */
  keepAliveMs: number;
}

export interface WebhookConfig {
  /** Stripe's endpoint secret (`whsec_...`); undefined leaves `/webhooks/stripe` off. */
  stripeSecret: string | undefined;
  /** The Converge Gate secret key its webhooks are signed with; undefined leaves `/webhooks/convergegate` off. */
  convergeGateSecret: string | undefined;
  /** How old a signed timestamp may be, in seconds; each event is remembered for this long (plus the skew), so a replay changes nothing. */
  toleranceSeconds: number;
  /** How far into the future a signed timestamp may be, in seconds: clocks drift, but not by minutes. */
  futureSkewSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment once, at start-up. An empty value counts as unset. Every mistake
 * becomes one line of the error's message, naming the variable and a good value.
 */
export function loadConfig(environment: NodeJS.ProcessEnv): Config {
  const env = parseSettings(environmentSchema, environment);
  const problems = [
    ...removedSettingProblems(environment),
    nodeEnvironmentProblem(env),
    convergeGatePairProblem(env),
    sandboxProblem(env),
    ...webhookSecretProblems(env),
    routerSecretProblem(env),
    metricsPortProblem(env),
    headersTimeoutProblem(env),
    keepAliveProblem(env),
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return {
    warnings: startupWarnings(env),
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    sandbox: !hasProviderKey(env),
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
      endpointRateLimit: env.PROVIDER_RATE_LIMIT,
      globalRateLimit: env.PROVIDER_GLOBAL_RATE_LIMIT,
      queueTimeoutMs: env.PROVIDER_QUEUE_TIMEOUT_MS,
      requestDeadlineMs: env.PROVIDER_REQUEST_DEADLINE_MS,
      breaker: {
        minCalls: env.PROVIDER_BREAKER_MIN_CALLS,
        failureRate: env.PROVIDER_BREAKER_FAILURE_RATE,
        windowMs: env.PROVIDER_BREAKER_WINDOW_MS,
        cooldownMs: env.PROVIDER_BREAKER_COOLDOWN_MS,
      },
      maxResponseBytes: env.PROVIDER_MAX_RESPONSE_BYTES,
    },
    server: {
      maxRequestBodyBytes: env.MAX_REQUEST_BODY_BYTES,
      maxRequestBodiesInFlight: env.MAX_REQUEST_BODIES_IN_FLIGHT,
      headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
      requestBodyTimeoutMs: env.REQUEST_BODY_TIMEOUT_MS,
      idleTimeoutMs: env.IDLE_TIMEOUT_MS,
      keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
      corsOrigins: env.CORS_ORIGINS,
      routerSecret: env.ROUTER_SECRET,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      readinessDelayMs: env.SHUTDOWN_READINESS_DELAY_MS,
    },
    graphql: {
      introspection: env.INTROSPECTION ?? env.NODE_ENV !== 'production',
      // With ROUTER_SECRET every request served is the router's; without it, anyone could ask for the timings.
      inlineTraces: env.INLINE_TRACES ?? env.ROUTER_SECRET !== undefined,
      maxEntitiesPerRequest: env.MAX_ENTITIES_PER_REQUEST,
      maxQueryDepth: env.MAX_QUERY_DEPTH,
      maxQueryCost: env.MAX_QUERY_COST,
    },
    cache: {
      enabled: env.CACHE ?? true,
      maxEntries: env.CACHE_MAX_ENTRIES,
      maxBytes: env.CACHE_MAX_BYTES,
      ttlMs: {
        open: env.CACHE_OPEN_TTL_MS,
        final: env.CACHE_FINAL_TTL_MS,
        refunds: env.CACHE_REFUNDS_TTL_MS,
        lineItems: env.CACHE_LINE_ITEMS_TTL_MS,
        notFound: env.CACHE_NOT_FOUND_TTL_MS,
      },
      staleWindowMs: env.CACHE_STALE_WINDOW_MS,
      staleAnswerAfterMs: env.CACHE_STALE_ANSWER_AFTER_MS,
    },
    webhooks: {
      stripeSecret: env.STRIPE_WEBHOOK_SECRET,
      convergeGateSecret: env.CONVERGEGATE_WEBHOOK_SECRET,
      toleranceSeconds: env.WEBHOOK_TOLERANCE_SECONDS,
      futureSkewSeconds: env.WEBHOOK_FUTURE_SKEW_SECONDS,
    },
    subscriptions: {
      maxPerProcess: env.MAX_SUBSCRIPTIONS,
      maxPerConnection: env.MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxLifetimeMs: env.SUBSCRIPTION_MAX_LIFETIME_MS,
      keepAliveMs: env.SUBSCRIPTION_KEEPALIVE_MS ?? defaultKeepAliveMs(env),
    },
    redis: {
      url: env.REDIS_URL,
      keyPrefix: env.REDIS_KEY_PREFIX,
      timeoutMs: env.REDIS_TIMEOUT_MS,
      fallbackReplicas: env.REDIS_FALLBACK_REPLICAS,
    },
    observability: {
      metricsPort: env.METRICS_PORT,
      otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    },
  };
}

function withoutEmptyValues(environment: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
}

/**
 * Reads the variables of `schema` from the environment, an empty value counting as unset;
 * throws a ConfigError with one line per mistake, naming the variable and a good value.
 */
export function parseSettings<Schema extends z.ZodObject>(schema: Schema, environment: NodeJS.ProcessEnv): z.output<Schema> {
  const parsed = schema.safeParse(withoutEmptyValues(environment));
  if (parsed.success) return parsed.data;
  const lines = new Set(parsed.error.issues.map((issue) => describeIssue(schema, issue)));
  throw new ConfigError([...lines].join('\n'));
}

/** Never repeats the value: it may be a key. */
function describeIssue(schema: z.ZodObject, issue: z.core.$ZodIssue): string {
  const variable = String(issue.path[0]);
  const field = schema.shape[variable] as z.ZodType | undefined;
  const rule = field && settingRules.get(field);
  if (!rule) return `${variable} is invalid: ${issue.message}`;
  return `${variable} is not ${rule.expected}; for example ${variable}=${rule.example}`;
}

/** Settings that are no longer read, and what replaced them: setting one stops start-up rather than being ignored. */
const removedSettings: Record<string, string> = {
  PROVIDER_BREAKER_FAILURES:
    'set PROVIDER_BREAKER_MIN_CALLS and PROVIDER_BREAKER_FAILURE_RATE instead; for example PROVIDER_BREAKER_MIN_CALLS=50 PROVIDER_BREAKER_FAILURE_RATE=0.5',
};

function removedSettingProblems(environment: NodeJS.ProcessEnv): string[] {
  return Object.entries(removedSettings)
    .filter(([variable]) => (environment[variable] ?? '').trim() !== '')
    .map(([variable, replacement]) => `${variable} is no longer read: ${replacement}`);
}

function hasProviderKey(env: Environment): boolean {
  return env.STRIPE_SECRET_KEY !== undefined || env.CONVERGEGATE_SECRET_KEY !== undefined;
}

function convergeGatePairProblem(env: Environment): string | undefined {
  if (env.CONVERGEGATE_SECRET_KEY !== undefined && env.CONVERGEGATE_API_URL === undefined) {
    return 'CONVERGEGATE_API_URL is required when CONVERGEGATE_SECRET_KEY is set: the base URL Converge Gate gave the merchant; for example CONVERGEGATE_API_URL=https://pay.example.com/gateway';
  }
  if (env.CONVERGEGATE_API_URL !== undefined && env.CONVERGEGATE_SECRET_KEY === undefined) {
    return 'CONVERGEGATE_SECRET_KEY is required when CONVERGEGATE_API_URL is set: the Converge Gate key to call it with; for example CONVERGEGATE_SECRET_KEY=sk_live_...';
  }
  return undefined;
}

const nodeEnvironments = new Set(['production', 'development', 'test']);

/** `prod`, `Production`, `PRODUCTION` mean production, yet anything but `production` runs as development. */
function nodeEnvironmentProblem(env: Environment): string | undefined {
  const value = env.NODE_ENV;
  if (value === undefined || nodeEnvironments.has(value)) return undefined;
  const lower = value.toLowerCase();
  if (lower !== 'prd' && !(lower.length >= 3 && 'production'.startsWith(lower))) return undefined;
  return `NODE_ENV=${value} is not production: only NODE_ENV=production, in full and in lower case, turns introspection and sandbox data off; for example NODE_ENV=production`;
}

/** A webhook secret names a provider whose key is missing: its webhooks would evict sessions nobody serves. */
function webhookSecretProblems(env: Environment): string[] {
  // In sandbox mode the emulator serves both providers, so either secret has its provider.
  if (!hasProviderKey(env)) return [];
  const pairs = [
    { secret: 'STRIPE_WEBHOOK_SECRET', key: 'STRIPE_SECRET_KEY', example: 'sk_live_...', secretSet: env.STRIPE_WEBHOOK_SECRET, keySet: env.STRIPE_SECRET_KEY },
    { secret: 'CONVERGEGATE_WEBHOOK_SECRET', key: 'CONVERGEGATE_SECRET_KEY', example: 'sk_live_...', secretSet: env.CONVERGEGATE_WEBHOOK_SECRET, keySet: env.CONVERGEGATE_SECRET_KEY },
  ];
  return pairs
    .filter((pair) => pair.secretSet !== undefined && pair.keySet === undefined)
    .map((pair) => `${pair.secret} is set but ${pair.key} is not: set the key for the provider whose webhooks it verifies, or unset ${pair.secret}; for example ${pair.key}=${pair.example}`);
}

const minimumRouterSecretLength = 16;

/** Never repeats the value. */
function routerSecretProblem(env: Environment): string | undefined {
  if (env.ROUTER_SECRET === undefined || env.ROUTER_SECRET.length >= minimumRouterSecretLength) return undefined;
  return `ROUTER_SECRET is shorter than ${minimumRouterSecretLength} characters and easy to guess: give the subgraph and its router the same random value, for example ROUTER_SECRET=$(openssl rand -hex 32)`;
}

function startupWarnings(env: Environment): string[] {
  const warnings: string[] = [];
  if (env.NODE_ENV !== undefined && !nodeEnvironments.has(env.NODE_ENV)) {
    warnings.push(`NODE_ENV=${env.NODE_ENV} is not production, development or test: running as development (introspection and the Sandbox page on, sandbox mode when no key is set)`);
  }
  if (env.NODE_ENV === 'production' && env.ROUTER_SECRET === undefined) {
    warnings.push('ROUTER_SECRET is not set: anyone who reaches this subgraph\'s port can query it; give it and its router the same random value, for example ROUTER_SECRET=$(openssl rand -hex 32)');
  }
  return warnings;
}

/** Node refuses a headers deadline past the whole request's: the headers are part of the request. */
function headersTimeoutProblem(env: Environment): string | undefined {
  if (env.HEADERS_TIMEOUT_MS <= env.REQUEST_BODY_TIMEOUT_MS) return undefined;
  return `HEADERS_TIMEOUT_MS=${env.HEADERS_TIMEOUT_MS} is longer than REQUEST_BODY_TIMEOUT_MS=${env.REQUEST_BODY_TIMEOUT_MS}, which covers the headers too: make it at most that, for example HEADERS_TIMEOUT_MS=${env.REQUEST_BODY_TIMEOUT_MS}`;
}

/** 12 s (graphql-ws's and graphql-sse's own interval), or half the idle timeout when that is shorter. */
function defaultKeepAliveMs(env: Environment): number {
  return Math.max(1, Math.min(12_000, Math.floor(env.IDLE_TIMEOUT_MS / 2)));
}

/** A quiet subscription stream is kept open by its pings: they must come more often than the idle timeout cuts. */
function keepAliveProblem(env: Environment): string | undefined {
  if (env.SUBSCRIPTION_KEEPALIVE_MS === undefined || env.SUBSCRIPTION_KEEPALIVE_MS < env.IDLE_TIMEOUT_MS) return undefined;
  return `SUBSCRIPTION_KEEPALIVE_MS=${env.SUBSCRIPTION_KEEPALIVE_MS} is not below IDLE_TIMEOUT_MS=${env.IDLE_TIMEOUT_MS}: a quiet subscription stream would be cut between its pings; for example SUBSCRIPTION_KEEPALIVE_MS=${defaultKeepAliveMs(env)}`;
}

function metricsPortProblem(env: Environment): string | undefined {
  if (env.METRICS_PORT === undefined || env.METRICS_PORT === 0 || env.METRICS_PORT !== env.PORT) return undefined;
  return `METRICS_PORT=${env.METRICS_PORT} is PORT as well: leave METRICS_PORT unset to serve /metrics on PORT, or choose another port, for example METRICS_PORT=9464`;
}

/** Sandbox mode serves made-up sessions, so it is never entered in production by a key that failed to arrive. */
function sandboxProblem(env: Environment): string | undefined {
  const keyed = hasProviderKey(env);
  if (env.SANDBOX === true && keyed) {
    return 'SANDBOX=true serves the built-in emulator, so STRIPE_SECRET_KEY and CONVERGEGATE_SECRET_KEY must be unset: set one or the other, for example SANDBOX=false';
  }
  if (env.SANDBOX === false && !keyed) {
    return 'SANDBOX=false needs a provider key: set STRIPE_SECRET_KEY or CONVERGEGATE_SECRET_KEY, for example STRIPE_SECRET_KEY=sk_live_...';
  }
  if (env.SANDBOX === undefined && !keyed && env.NODE_ENV === 'production') {
    return 'STRIPE_SECRET_KEY or CONVERGEGATE_SECRET_KEY is required when NODE_ENV=production: set a key, for example STRIPE_SECRET_KEY=sk_live_..., or SANDBOX=true to serve the built-in emulator\'s example sessions';
  }
  return undefined;
}
