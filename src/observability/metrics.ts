import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const prefix = 'payments_subgraph_';

/** Seconds; a provider round trip is tens of milliseconds, a deadline seconds. */
const callDurationBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const queueWaitBuckets = [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30];
const sessionsPerRequestBuckets = [0, 1, 2, 5, 10, 25, 50, 100, 250, 500];

/**
 * The subgraph's metric families in a registry of their own, so each subgraph (and each
 * test) counts only its own traffic. Node's process metrics are the process's, not one
 * subgraph's: they live in one registry per process and are scraped alongside.
 */
export class SubgraphMetrics {
  readonly registry = new Registry();
  private readonly processWide = processMetrics();

  readonly providerCallDuration = new Histogram({
    name: `${prefix}provider_call_duration_seconds`,
    help: 'Provider calls by outcome (ok, not_found, unavailable, rate_limited, bad_response, auth_failed, error), retries and their pauses included',
    labelNames: ['provider', 'outcome'] as const,
    buckets: callDurationBuckets,
    registers: [this.registry],
  });

  readonly providerCallRetries = new Counter({
    name: `${prefix}provider_call_retries_total`,
    help: 'Attempts beyond the first of each provider call',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  readonly providerCallsRefused = new Counter({
    name: `${prefix}provider_calls_refused_total`,
    help: 'Provider calls refused without a request to the provider (breaker_open, rate_limit_queue_full, abandoned)',
    labelNames: ['provider', 'reason'] as const,
    registers: [this.registry],
  });

  readonly circuitState = new Gauge({
    name: `${prefix}provider_circuit_state`,
    help: "1 for the provider's circuit breaker's current state (closed, open, half-open), 0 for the others",
    labelNames: ['provider', 'state'] as const,
    registers: [this.registry],
  });

  readonly rateLimitQueueLength = new Gauge({
    name: `${prefix}provider_rate_limit_queue_length`,
    help: 'Provider calls waiting for their turn under the rate limit',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  readonly rateLimitWait = new Histogram({
    name: `${prefix}provider_rate_limit_wait_seconds`,
    help: 'How long provider calls that had to wait for their turn under the rate limit waited',
    labelNames: ['provider'] as const,
    buckets: queueWaitBuckets,
    registers: [this.registry],
  });

  readonly providerRateLimited = new Counter({
    name: `${prefix}provider_rate_limited_total`,
    help: "Provider answers of HTTP 429, by the reason the provider gave (Stripe-Rate-Limited-Reason, lock_timeout, or unspecified)",
    labelNames: ['provider', 'reason'] as const,
    registers: [this.registry],
  });

  /** The provider accounts' budgets, read when scraped: a budget recovering from a 429 shows it without waiting for a call. */
  readonly rateBudgetSources: Array<{ provider: string; currentRates: () => ReadonlyMap<string, number> }> = [];

  readonly rateBudget = new Gauge({
    name: `${prefix}provider_rate_budget_calls_per_second`,
    help: "Each rate budget's current pace (global, or an endpoint's path template): lower than configured after a 429, recovering",
    labelNames: ['provider', 'budget'] as const,
    registers: [this.registry],
    collect: () => {
      for (const { provider, currentRates } of this.rateBudgetSources) {
        for (const [budget, perSecond] of currentRates()) this.rateBudget.labels(provider, budget).set(Math.round(perSecond * 100) / 100);
      }
    },
  });

  readonly cacheHits = new Counter({
    name: `${prefix}cache_hits_total`,
    help: 'Reads answered from a cache level (process, redis)',
    labelNames: ['level'] as const,
    registers: [this.registry],
  });

  readonly cacheMisses = new Counter({
    name: `${prefix}cache_misses_total`,
    help: 'Reads a cache level (process, redis) could not answer',
    labelNames: ['level'] as const,
    registers: [this.registry],
  });

  readonly cacheSharedReads = new Counter({
    name: `${prefix}cache_shared_reads_total`,
    help: 'Reads that joined a provider call already in flight for the same answer instead of making their own',
    registers: [this.registry],
  });

  readonly cacheEvictions = new Counter({
    name: `${prefix}cache_evictions_total`,
    help: 'Kept answers dropped, by cause (age, size, webhook)',
    labelNames: ['level', 'cause'] as const,
    registers: [this.registry],
  });

  readonly graphqlRequests = new Counter({
    name: `${prefix}graphql_requests_total`,
    help: 'GraphQL requests by operation name (anonymous for none, other once the distinct names run out)',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: `${prefix}graphql_errors_total`,
    help: 'Errors in GraphQL responses, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly sessionsPerRequest = new Histogram({
    name: `${prefix}graphql_sessions_per_request`,
    help: 'Distinct checkout sessions each GraphQL request asked for',
    buckets: sessionsPerRequestBuckets,
    registers: [this.registry],
  });

  readonly webhooksReceived = new Counter({
    name: `${prefix}webhooks_received_total`,
    help: 'Webhook deliveries by provider and result (verified, rejected)',
    labelNames: ['provider', 'result'] as const,
    registers: [this.registry],
  });

  /** How many subscriptions are open, read when scraped. */
  openSubscriptionsSource: (() => number) | undefined;

  readonly subscriptionsOpen = new Gauge({
    name: `${prefix}subscriptions_open`,
    help: 'Subscriptions open on this replica, over SSE and graphql-ws',
    registers: [this.registry],
    collect: () => {
      if (this.openSubscriptionsSource) this.subscriptionsOpen.set(this.openSubscriptionsSource());
    },
  });

  readonly subscriptionReads = new Counter({
    name: `${prefix}subscription_reads_total`,
    help: "The change feed's session reads by purpose (first-read, refetch-after-webhook, poll)",
    labelNames: ['purpose'] as const,
    registers: [this.registry],
  });

  /** The text format Prometheus scrapes: this subgraph's families, then the process's. */
  async scrape(): Promise<string> {
    const [own, processWide] = await Promise.all([this.registry.metrics(), this.processWide.metrics()]);
    return `${own}\n${processWide}`;
  }

  readonly contentType = this.registry.contentType;
}

let processRegistry: Registry | undefined;

/** Event-loop lag, heap, GC, CPU and handles, collected once per process however many subgraphs it runs. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
