import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { Pool } from 'undici';
import { PaymentsError, ProviderUnavailableError, RateLimitedError } from '../../errors.js';
import type { ReadOrigin } from '../../request-tally.js';
import { unrecordedProviderCalls, type ProviderCallOutcome, type ProviderCallRecorder } from './provider-call-recorder.js';
import { attemptGet, type AttemptResult } from './attempt.js';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import { classifyFinal, type FinalOutcome, type ProviderErrorReaders } from './classify.js';
import { DeadlineSweep } from './deadline-sweep.js';
import { AccountPacing, accountBudgets, QueueFullError } from './account-pacing.js';
import type { ReleaseSlot } from './concurrency-limits.js';
import { LocalRateLimit } from './local-rate-limit.js';
import type { ProviderRateLimits, RateLimitFactory } from './rate-limit.js';
import { headerValue, isRetryable, parseRetryAfter, retryDelayMs, type RetryOptions } from './retry-policy.js';
import { TurnNotWantedError, type QueuedCall } from './turn-queue.js';

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
  /**
   * Longest a call waits for its turn under the rate budgets (not part of `timeoutMs`): a
   * call whose turn would come later is refused at once. The request's deadline
   * (`providerDeadlineAt` of its origin) bounds both the wait and the call.
   */
  queueTimeoutMs?: number;
  breaker?: CircuitBreakerOptions;
  /** Makes each provider account's budgets; kept in this process by default. */
  rateLimits?: RateLimitFactory;
  /** Told of every call, refusal, wait and change of circuit state. */
  recorder?: ProviderCallRecorder;
  /** Where each change of a provider's circuit state is logged. */
  logger: Logger;
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
  /** The response header carrying the provider's id of the request (Stripe's `request-id`); undefined when it sends none. */
  requestIdHeader?: string | undefined;
  /** The response header in which the provider says whether to retry (`stripe-should-retry`: `true`/`false`); it outranks the status. */
  shouldRetryHeader?: string | undefined;
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
  queueTimeoutMs: 5_000,
  breaker: { minCalls: 50, failureRate: 0.5, windowMs: 10_000, cooldownMs: 10_000 } satisfies CircuitBreakerOptions,
};

/**
 * Sends providers' GETs over one keep-alive undici pool per origin. Per provider account
 * it paces calls (a budget per endpoint and one for the account, slowed by 429s); per
 * provider it judges health (circuit breaker, which 429s never reach); per call it keeps
 * one deadline across retries. Answers 2xx and 404; every other outcome is a typed error.
 */
export class ProviderHttpClient {
  private readonly pools = new Map<string, Pool>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly accounts = new Map<string, AccountPacing>();
  private readonly makeRateLimit: RateLimitFactory;
  private readonly deadlines = new DeadlineSweep();
  private readonly maxResponseBytes: number;
  private readonly retry: RetryOptions;
  private readonly queueTimeoutMs: number;
  private readonly breakerOptions: CircuitBreakerOptions;
  private readonly recorder: ProviderCallRecorder;
  /** When a drain ends (`performance.now()` time): no call waits for a turn or runs past it. */
  private drainEndsAt = Number.POSITIVE_INFINITY;

  constructor(private readonly options: ProviderHttpOptions) {
    this.recorder = options.recorder ?? unrecordedProviderCalls;
    this.maxResponseBytes = options.maxResponseBytes ?? defaults.maxResponseBytes;
    this.retry = options.retry ?? defaults.retry;
    this.queueTimeoutMs = options.queueTimeoutMs ?? defaults.queueTimeoutMs;
    this.breakerOptions = options.breaker ?? defaults.breaker;
    this.makeRateLimit = options.rateLimits ?? ((budgets) => new LocalRateLimit(budgets));
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
      const pacing = this.pacingOf(request);
      const deadlineAt = Math.min(request.origin?.request?.providerDeadlineAt ?? Number.POSITIVE_INFINITY, this.drainEndsAt);
      // Past the request's deadline nobody waits for the answer: the call is not made.
      if (deadlineAt <= performance.now()) throw new QueueFullError(0);
      if (isAbandoned(request)) this.drop(request);
      const queued = queuedCall(request);
      const slot = await pacing.takeTurn(request, Math.min(this.queueTimeoutMs, deadlineAt - performance.now()), queued).catch((error: unknown) => {
        if (error instanceof TurnNotWantedError) this.drop(request);
        throw error;
      });
      if (isAbandoned(request)) {
        slot();
        this.drop(request);
      }
      request.origin?.sent?.();
      const timeoutMs = Math.max(1, Math.round(Math.min(this.options.timeoutMs, deadlineAt - performance.now())));
      const call = this.recorder.callStarted(provider, request.pathTemplate, url.pathname, request.origin);
      const { result, attempts } = await this.attempts(request, pacing, slot, timeoutMs, queued);
      healthy = isHealthy(result);
      const outcome = classifyFinal(result, {
        provider,
        timeoutMs,
        maxResponseBytes: this.maxResponseBytes,
        readError: request.readError,
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

  /** Every request waiting for the call gave up on it (its client went away, its deadline passed): it is not made. */
  private drop(request: ProviderGetRequest): never {
    this.recorder.callRefused(request.provider, 'abandoned');
    throw new RateLimitedError(request.provider, 'every request waiting for the call gave up on it before its turn came', { retryAfter: 1 });
  }

  /** Providers' circuit states, for health reporting and tests. */
  circuitState(provider: string): CircuitBreaker['state'] {
    return this.breaker(provider).state;
  }

  /**
   * From a drain's start: calls waiting for a turn that would come after `endsAt`
   * (`performance.now()` time) are refused at once with `RATE_LIMITED`, later calls wait
   * and run no later than then, and at `endsAt` whatever still waits is refused: every
   * request waiting on the budget is answered before the sockets close.
   */
  drainBy(endsAt: number): void {
    this.drainEndsAt = endsAt;
    const refuseAfter = (deadlineAt: number) => {
      for (const pacing of this.accounts.values()) pacing.refuseTurnsAfter(deadlineAt);
    };
    refuseAfter(endsAt);
    setTimeout(() => refuseAfter(Number.NEGATIVE_INFINITY), Math.max(0, endsAt - performance.now())).unref();
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
    pacing: AccountPacing,
    firstSlot: ReleaseSlot,
    timeoutMs: number,
    queued: QueuedCall,
  ): Promise<{ result: AttemptResult; attempts: number }> {
    const startedAt = performance.now();
    const deadline = startedAt + timeoutMs;
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
          requestIdHeader: request.requestIdHeader,
        });
        if (result.kind === 'answered' && result.status === 429) {
          const { headers, text } = result;
          await pacing.rateLimited(request, { header: (name) => headerValue(headers, name), body: parseJsonOrUndefined(text) });
        }
      } finally {
        slot();
      }
      const done = { result, attempts };
      if (attempts > this.retry.maxRetries || !isRetryableResult(result, request.shouldRetryHeader)) return done;
      const retryAfterMs = result.kind === 'answered' ? parseRetryAfter(result.headers) : undefined;
      const delayMs = retryDelayMs(attempts, retryAfterMs, this.retry);
      const remainingMs = deadline - performance.now();
      if (delayMs === undefined || delayMs >= remainingMs) return done;
      await sleep(delayMs);
      try {
        slot = await pacing.takeTurn(request, deadline - performance.now(), queued);
      } catch {
        return done;
      }
    }
  }

  private breaker(provider: string): CircuitBreaker {
    let breaker = this.breakers.get(provider);
    if (!breaker) {
      breaker = new CircuitBreaker(this.breakerOptions, (state) => {
        if (state === 'open') this.options.logger.warn({ provider, cooldownMs: this.breakerOptions.cooldownMs }, 'provider circuit opened');
        else this.options.logger.info({ provider, state }, 'provider circuit state');
        this.recorder.circuitStateChanged(provider, state);
      });
      this.breakers.set(provider, breaker);
      this.recorder.circuitStateChanged(provider, breaker.state);
    }
    return breaker;
  }

  private pacingOf(request: ProviderGetRequest): AccountPacing {
    const { provider, account } = request;
    const key = `${provider} ${account}`;
    let pacing = this.accounts.get(key);
    if (!pacing) {
      const budgets = accountBudgets(request, account, this.options);
      const paced = budgets.globalPerSecond !== undefined || budgets.endpointPerSecond.size > 0;
      const rate = paced ? this.makeRateLimit(budgets) : undefined;
      pacing = new AccountPacing(rate, this.recorder);
      this.accounts.set(key, pacing);
      if (rate) this.recorder.rateBudgets(provider, () => rate.currentRates());
    }
    return pacing;
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

/** The call's place in its endpoint's queue: its priority, and its request's share. */
function queuedCall(request: ProviderGetRequest): QueuedCall {
  const { origin } = request;
  return { priority: origin?.priority ?? 'first-ask', group: origin?.request ?? origin ?? request, wanted: () => !isAbandoned(request) };
}

function isAbandoned(request: ProviderGetRequest): boolean {
  return request.origin?.wanted?.() === false;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRetryableResult(result: AttemptResult, shouldRetryHeader: string | undefined): boolean {
  if (result.kind === 'too-large') return false;
  return isRetryable(result.kind === 'answered' ? { kind: 'answered', status: result.status, headers: result.headers } : result, shouldRetryHeader);
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
