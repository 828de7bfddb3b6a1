import {
  defaultKeepAliveMs,
  headersTimeoutProblem,
  keepAliveProblem,
  metricsPortProblem,
  nodeEnvironmentProblem,
  removedSettingProblems,
  routerSecretProblem,
  sandboxProblem,
  startupWarnings,
} from './checks.js';
import { environmentSchema, type Environment } from './environment.js';
import {
  hasProviderKey,
  providerSections,
  providerSettingProblems,
  providerVariables,
  webhookSecretProblems,
  type ProviderVariables,
} from './provider-sections.js';
import { ConfigError, parseSettings, type ProviderSections } from './settings.js';

export interface Config {
  /** Settings that start but deserve a word: one line each, logged at `warn` once logging is set up. */
  warnings: string[];
  port: number;
  host: string;
  logLevel: Environment['LOG_LEVEL'];
  /** The subgraph serves the built-in emulator and its example sessions (see `SANDBOX`). */
  sandbox: boolean;
  /** Each provider's variables, of which sandbox mode keeps those that still apply beside the emulator's URLs and keys. */
  sandboxSettings: ProviderVariables;
  /** Each configured provider's section (its key, URL, webhook secret...), complete when present. */
  providers: ProviderSections;
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
  /** A WebSocket with more than this many bytes waiting for its client to read is closed. */
  maxBufferedBytes: number;
  /** The shortest heartbeat interval a callback subscription gets, whatever its router asks for. */
  minCallbackHeartbeatMs: number;
}

/** What every provider's webhooks share; each one's secret is in its section. */
export interface WebhookConfig {
  /** How old a signed timestamp may be, in seconds; each event is remembered for this long (plus the skew), so a replay changes nothing. */
  toleranceSeconds: number;
  /** How far into the future a signed timestamp may be, in seconds: clocks drift, but not by minutes. */
  futureSkewSeconds: number;
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
    ...providerSettingProblems(env),
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
    sandboxSettings: providerVariables(env),
    providers: providerSections(env),
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
      toleranceSeconds: env.WEBHOOK_TOLERANCE_SECONDS,
      futureSkewSeconds: env.WEBHOOK_FUTURE_SKEW_SECONDS,
    },
    subscriptions: {
      maxPerProcess: env.MAX_SUBSCRIPTIONS,
      maxPerConnection: env.MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxLifetimeMs: env.SUBSCRIPTION_MAX_LIFETIME_MS,
      keepAliveMs: env.SUBSCRIPTION_KEEPALIVE_MS ?? defaultKeepAliveMs(env),
      maxBufferedBytes: env.SUBSCRIPTION_MAX_BUFFERED_BYTES,
      minCallbackHeartbeatMs: env.CALLBACK_HEARTBEAT_MIN_MS,
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
