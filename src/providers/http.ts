import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { PaymentsError, ProviderUnavailableError, RateLimitedError } from '../errors.js';
import { logger } from '../logger.js';
import type { ReadOrigin } from '../observability/request-tally.js';
import { unrecordedProviderCalls, type ProviderCallOutcome, type ProviderCallRecorder } from '../observability/recorders.js';
import { attemptGet, type AttemptResult } from './http/attempt.js';
import { CircuitBreaker, type CircuitBreakerOptions } from './http/circuit-breaker.js';
import { classifyFinal, type FinalOutcome, type ProviderErrorReaders } from './http/classify.js';
import { DeadlineSweep } from './http/deadline-sweep.js';
import { ConcurrencyLimits, type ReleaseSlot } from './http/concurrency-limits.js';
import { LocalRateBudgets } from './http/local-rate-budgets.js';
import type { AccountBudgets, ProviderRateLimits, RateLimit, RateLimitFactory, RateLimitSignal } from './http/rate-limit.js';
import { SendLogs } from './http/send-log.js';
import { headerValue, isRetryable, parseRetryAfter, retryDelayMs, type RetryOptions } from './http/retry-policy.js';

export interface ProviderHttpOptions {
  maxConnectionsPerOrigin: number;
  /** Overall deadline of one call: every attempt and the pauses between them. */
  timeoutMs: number;
  maxResponseBytes?: number;
  retry?: RetryOptions;
  /**
   * Calls per second to each endpoint of a provider account, for every provider alike; 0
   * turns per-endpoint pacing off. Undefined: a share of what the provider documents per
   * endpoint (`ProviderRateLimits`), none where it documents nothing.
   */
  endpointRateLimit?: number | undefined;
  /**
   * Calls per second to a provider account over all its endpoints; 0 turns it off.
   * Undefined: a share of the provider's documented global limit, or 20 where it documents none.
   */
  globalRateLimit?: number | undefined;
  /** Longest a call waits for its turn under the rate limit; not part of `timeoutMs`. */
  queueTimeoutMs?: number;
  breaker?: CircuitBreakerOptions;
  /** Makes each provider account's budgets; kept in this process by default. */
  rateLimits?: RateLimitFactory;
  /** Told of every call, refusal, wait and change of circuit state. */
  recorder?: ProviderCallRecorder;
}

/** What a provider client describes; the HTTP client decides how to send it. */
export interface ProviderGetRequest extends ProviderErrorReaders {
  /** Provider name as it appears in errors and logs, e.g. `Stripe`; the breaker is kept per name, the rate limit per name and account. */
  provider: string;
  /** Whose rate budget the call counts against (`rateLimitAccount` of the key): never the key itself. */
  account: string;
  url: URL;
  /** The path with its ids as placeholders (`/v1/checkout/sessions/{id}`), for metrics and traces. */
  pathTemplate: string;
  headers: Record<string, string>;
  /** The provider's endpoints and documented limits, and how it names the budget a 429 is about. */
  rateLimits?: ProviderRateLimits;
  /** The request the call is made for. */
  origin?: ReadOrigin | undefined;
}

export interface ProviderJsonResponse {
  status: number;
  body: unknown;
  /** The body as it arrived: far smaller to keep than the parsed value, for parts read later if at all. */
  text: string;
  requestId: string | undefined;
}

const defaults = {
  maxResponseBytes: 1024 * 1024,
  retry: { maxRetries: 2, baseDelayMs: 250, maxDelayMs: 2000 } satisfies RetryOptions,
  queueTimeoutMs: 30_000,
  breaker: { minCalls: 50, failureRate: 0.5, windowMs: 10_000, cooldownMs: 10_000 } satisfies CircuitBreakerOptions,
  /** The account's global budget where the provider documents no limit of its own. */
  undocumentedGlobalPerSecond: 20,
  /** Share of a documented limit kept to by default: the rest is the account's other traffic (checkout creation, refunds, back office). */
  shareOfDocumentedLimit: 0.8,
};

/** What paces one provider account: its rate budgets (none when pacing is off), its calls as sent, and its concurrency caps. */
interface AccountLimits {
  rate: RateLimit | undefined;
  sent: SendLogs;
  concurrency: ConcurrencyLimits;
}

/** For a 429 whose provider client reads no reason: the account as a whole was too busy. */
const unreadRateLimit: RateLimitSignal = { slow: 'rate', scope: 'global', reason: 'unspecified' };

/**
 * Sends providers' GETs over one keep-alive undici pool per origin. Per provider account
 * it paces calls (a budget per endpoint and one for the account, slowed by 429s); per
 * provider it judges health (circuit breaker, which 429s never reach); per call it keeps
 * one deadline across retries. Answers 2xx and 404; every other outcome is a typed error.
 */
export class ProviderHttpClient {
  private readonly pools = new Map<string, Pool>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly accounts = new Map<string, AccountLimits>();
  private readonly makeRateLimit: RateLimitFactory;
  private readonly deadlines = new DeadlineSweep();
  private readonly maxResponseBytes: number;
  private readonly retry: RetryOptions;
  private readonly queueTimeoutMs: number;
  private readonly breakerOptions: CircuitBreakerOptions;
  private readonly recorder: ProviderCallRecorder;

  constructor(private readonly options: ProviderHttpOptions) {
    this.recorder = options.recorder ?? unrecordedProviderCalls;
    this.maxResponseBytes = options.maxResponseBytes ?? defaults.maxResponseBytes;
    this.retry = options.retry ?? defaults.retry;
    this.queueTimeoutMs = options.queueTimeoutMs ?? defaults.queueTimeoutMs;
    this.breakerOptions = options.breaker ?? defaults.breaker;
    this.makeRateLimit = options.rateLimits ?? ((budgets) => new LocalRateBudgets(budgets));
  }

  async getJson(request: ProviderGetRequest): Promise<ProviderJsonResponse> {
    const { provider, url } = request;
    const breaker = this.breaker(provider);
    const admission = breaker.admit();
    if (!admission.admitted) {
      this.recorder.callRefused(provider, 'breaker_open');
      throw new ProviderUnavailableError(provider, 'failing fast while the provider recovers', {
        retryAfter: Math.max(1, Math.ceil(admission.retryAfterMs / 1000)),
      });
    }
    let healthy: boolean | undefined;
    try {
      const limits = this.limitsOf(request);
      const slot = await this.takeTurn(request, limits, this.queueTimeoutMs);
      const call = this.recorder.callStarted(provider, request.pathTemplate, url.pathname, request.origin);
      const { result, attempts } = await this.attempts(request, limits, slot);
      healthy = isHealthy(result);
      const outcome = classifyFinal(result, {
        provider,
        timeoutMs: this.options.timeoutMs,
        maxResponseBytes: this.maxResponseBytes,
        readErrorType: request.readErrorType,
        readErrorMessage: request.readErrorMessage,
      });
      call.finished({ outcome: callOutcome(outcome), status: statusOf(result), attempts, reason: reasonOf(result) });
      if (outcome.kind === 'failed') throw outcome.error;
      return { status: outcome.status, body: outcome.body, text: outcome.text, requestId: outcome.requestId };
    } catch (error) {
      if (error instanceof QueueFullError) {
        this.recorder.callRefused(provider, 'rate_limit_queue_full');
        throw error.toProviderError(provider);
      }
      throw error;
    } finally {
      // A call turned away by the rate-limit queue never reached the provider, and a 429 says the provider is busy, not down: no verdict.
      if (healthy === undefined) breaker.release(admission);
      else breaker.record(admission, healthy);
    }
  }

  /** Providers' circuit states, for health reporting and tests. */
  circuitState(provider: string): CircuitBreaker['state'] {
    return this.breaker(provider).state;
  }

  /** Waits for calls in flight, then closes every connection. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  /** Aborts calls in flight and closes every connection at once. */
  async destroy(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy()));
  }

  /**
   * Attempts until one is final, the retries run out, or the deadline would be passed. Each
   * attempt holds a concurrency slot while it is out; each retry takes a new turn under the
   * budgets, so retries count against them as every call does.
   */
  private async attempts(
    request: ProviderGetRequest,
    limits: AccountLimits,
    firstSlot: ReleaseSlot,
  ): Promise<{ result: AttemptResult; attempts: number }> {
    const startedAt = performance.now();
    const deadline = startedAt + this.options.timeoutMs;
    const pool = this.pool(request.url.origin);
    let attempts = 0;
    let slot = firstSlot;
    for (;;) {
      attempts += 1;
      let result: AttemptResult;
      try {
        result = await attemptGet(pool, this.deadlines, {
          path: request.url.pathname + request.url.search,
          headers: request.headers,
          deadline,
          maxResponseBytes: this.maxResponseBytes,
        });
        if (result.kind === 'answered' && result.status === 429) await this.slowDown(request, limits, result);
      } finally {
        slot();
      }
      const done = { result, attempts };
      if (attempts > this.retry.maxRetries || !isRetryableResult(result)) return done;
      const retryAfterMs = result.kind === 'answered' ? parseRetryAfter(result.headers) : undefined;
      const delayMs = retryDelayMs(attempts, retryAfterMs, this.retry);
      const remainingMs = deadline - performance.now();
      if (delayMs === undefined || delayMs >= remainingMs) return done;
      await sleep(delayMs);
      try {
        slot = await this.takeTurn(request, limits, deadline - performance.now());
      } catch {
        return done;
      }
    }
  }

  /**
   * Waits for a slot under the concurrency caps, then for the call's turn under its
   * budgets; a turn overtaken by a slowdown while waiting is taken again at the slower
   * pace. Resolves the slot's release; throws `QueueFullError` when either would come
   * later than `maxWaitMs`.
   */
  private async takeTurn(request: ProviderGetRequest, limits: AccountLimits, maxWaitMs: number): Promise<ReleaseSlot> {
    const waitUntil = performance.now() + maxWaitMs;
    const slot = await limits.concurrency.acquire(request.pathTemplate, maxWaitMs);
    if (!slot) throw new QueueFullError(maxWaitMs);
    try {
      for (let turn = await this.nextTurn(request, limits, waitUntil); turn.overtaken(); ) {
        turn = await this.nextTurn(request, limits, waitUntil);
      }
      if (limits.rate) await this.keepSpacingAsSent(request.pathTemplate, limits.rate, limits.sent);
      return slot;
    } catch (error) {
      slot();
      throw error;
    }
  }

  /** Reserves the call's turn and waits for it. */
  private async nextTurn(request: ProviderGetRequest, limits: AccountLimits, waitUntil: number): Promise<{ overtaken(): boolean }> {
    if (!limits.rate) return { overtaken: () => false };
    const turn = await limits.rate.nextTurn(request.pathTemplate, Math.max(0, waitUntil - performance.now()));
    if (!turn.granted) throw new QueueFullError(turn.waitMs);
    if (turn.waitMs === 0) return turn;
    const turnCame = this.recorder.waitingForTurn(request.provider, turn.waitMs);
    try {
      await sleep(turn.waitMs);
    } finally {
      turnCame();
    }
    return turn;
  }

  /** Holds a call whose turn came while earlier calls left late, so that calls as sent stay as far apart as their turns. */
  private async keepSpacingAsSent(endpoint: string, rate: RateLimit, sent: SendLogs): Promise<void> {
    for (;;) {
      const rates = rate.currentRates();
      const budgets = [endpoint, 'global'].flatMap((budget) => {
        const perSecond = rates.get(budget);
        return perSecond === undefined ? [] : [[budget, perSecond] as const];
      });
      const waitMs = sent.delayBeforeSend(budgets, performance.now());
      if (waitMs === 0) return;
      await sleep(waitMs);
    }
  }

  /** A 429: the budget it names slows down (or its concurrency cap comes down), as the provider client reads it. */
  private async slowDown(request: ProviderGetRequest, limits: AccountLimits, answer: Extract<AttemptResult, { kind: 'answered' }>): Promise<void> {
    const reader = request.rateLimits?.readRateLimited;
    const signal = reader ? reader({ header: (name) => headerValue(answer.headers, name), body: parseJsonOrUndefined(answer.text) }) : unreadRateLimit;
    this.recorder.rateLimited(request.provider, boundedReason(signal.reason));
    if (signal.slow === 'rate') await limits.rate?.slowDown(signal.scope, request.pathTemplate);
    else if (signal.slow === 'concurrency') limits.concurrency.lower(signal.scope, request.pathTemplate);
  }

  private breaker(provider: string): CircuitBreaker {
    let breaker = this.breakers.get(provider);
    if (!breaker) {
      breaker = new CircuitBreaker(this.breakerOptions, (state) => {
        if (state === 'open') logger.warn({ provider, cooldownMs: this.breakerOptions.cooldownMs }, 'provider circuit opened');
        else logger.info({ provider, state }, 'provider circuit state');
        this.recorder.circuitStateChanged(provider, state);
      });
      this.breakers.set(provider, breaker);
      this.recorder.circuitStateChanged(provider, breaker.state);
    }
    return breaker;
  }

  private limitsOf(request: ProviderGetRequest): AccountLimits {
    const { provider, account } = request;
    const key = `${provider} ${account}`;
    let limits = this.accounts.get(key);
    if (!limits) {
      const budgets = this.budgetsOf(request);
      const paced = budgets.globalPerSecond !== undefined || budgets.endpointPerSecond.size > 0;
      const rate = paced ? this.makeRateLimit(budgets) : undefined;
      limits = { rate, sent: new SendLogs(), concurrency: new ConcurrencyLimits() };
      this.accounts.set(key, limits);
      if (rate) this.recorder.rateBudgets(provider, () => rate.currentRates());
    }
    return limits;
  }

  /** The account's budgets: the ones configured, else a share of the documented ones; 0 is none. */
  private budgetsOf(request: ProviderGetRequest): AccountBudgets {
    const declared = request.rateLimits;
    const shareOf = (documented: number | undefined) =>
      documented === undefined ? undefined : documented * defaults.shareOfDocumentedLimit;
    const globalPerSecond =
      this.options.globalRateLimit ?? shareOf(declared?.documentedGlobalPerSecond) ?? defaults.undocumentedGlobalPerSecond;
    const endpointPerSecond = new Map<string, number>();
    for (const [endpoint, documented] of Object.entries(declared?.endpoints ?? { [request.pathTemplate]: undefined })) {
      const perSecond = this.options.endpointRateLimit ?? shareOf(documented);
      if (perSecond) endpointPerSecond.set(endpoint, perSecond);
    }
    return {
      provider: request.provider,
      account: request.account,
      globalPerSecond: globalPerSecond > 0 ? globalPerSecond : undefined,
      endpointPerSecond,
    };
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.maxConnectionsPerOrigin,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        // A third of the deadline, so a host that does not accept leaves room for a retry.
        connect: { timeout: Math.max(1, Math.round(this.options.timeoutMs / 3)) },
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

class QueueFullError extends Error {
  constructor(readonly waitMs: number) {
    super('rate limit queue full');
  }

  toProviderError(provider: string): RateLimitedError {
    return new RateLimitedError(provider, 'too many calls queued under its rate budget', {
      retryAfter: Math.max(1, Math.ceil(this.waitMs / 1000)),
    });
  }
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A reason as a metric label: a provider's header value is not trusted to be short or tame. */
function boundedReason(reason: string): string {
  return /^[a-z][a-z_-]{0,39}$/.test(reason) ? reason : 'other';
}

function isRetryableResult(result: AttemptResult): boolean {
  if (result.kind === 'too-large') return false;
  return isRetryable(result.kind === 'answered' ? { kind: 'answered', status: result.status, headers: result.headers } : result);
}

/**
 * Whether the provider itself worked: a 404 or a 400 for one session says nothing against
 * it. Undefined for a 429: the provider is well and busy, which is the budgets' business.
 */
function isHealthy(result: AttemptResult): boolean | undefined {
  if (result.kind === 'timeout' || result.kind === 'network') return false;
  if (result.status === 429) return undefined;
  return result.status < 500;
}

const outcomeOfErrorCode: Partial<Record<string, ProviderCallOutcome>> = {
  PROVIDER_UNAVAILABLE: 'unavailable',
  PROVIDER_BAD_RESPONSE: 'bad_response',
  PROVIDER_AUTH_FAILED: 'auth_failed',
  RATE_LIMITED: 'rate_limited',
};

function callOutcome(outcome: FinalOutcome): ProviderCallOutcome {
  if (outcome.kind === 'ok') return outcome.status === 404 ? 'not_found' : 'ok';
  return (outcome.error instanceof PaymentsError && outcomeOfErrorCode[outcome.error.code]) || 'error';
}

function statusOf(result: AttemptResult): number | undefined {
  return 'status' in result ? result.status : undefined;
}

/** The transport error's code (`UND_ERR_SOCKET`, `ECONNREFUSED`, ...): names a cause, carries no data. */
function reasonOf(result: AttemptResult): string | undefined {
  if (result.kind !== 'timeout' && result.kind !== 'network') return undefined;
  const error = result.error as { code?: unknown; name?: unknown } | undefined;
  return String(error?.code ?? error?.name ?? 'unknown');
}
