import type { CircuitState } from '../providers/http/circuit-breaker.js';
import type { ReadOrigin } from './request-tally.js';

/**
 * What each layer tells observability, in its own terms. The layers call these; the
 * implementations here turn them into metrics, spans and log lines.
 */

/** How a provider call ended, as metrics and traces label it. */
export type ProviderCallOutcome = 'ok' | 'not_found' | 'unavailable' | 'rate_limited' | 'bad_response' | 'auth_failed' | 'error';

/** Why a call was refused without reaching the provider. */
/** `abandoned`: every request waiting for the call gave up on it before its turn came. */
export type ProviderCallRefusal = 'breaker_open' | 'rate_limit_queue_full' | 'abandoned';

export interface ProviderCallEnd {
  outcome: ProviderCallOutcome;
  /** The provider's last HTTP status; undefined when it never answered. */
  status: number | undefined;
  attempts: number;
  /** The transport error's code when the provider never answered (`ECONNREFUSED`, ...). */
  reason: string | undefined;
}

export interface ProviderCallRecorder {
  /**
   * A call to the provider is about to be made. `pathTemplate` names the path without ids
   * (`/v1/checkout/sessions/{id}`); `path` is the actual one, for the debug log line;
   * `origin` is the request it is made for.
   */
  callStarted(provider: string, pathTemplate: string, path: string, origin: ReadOrigin | undefined): { finished(end: ProviderCallEnd): void };
  callRefused(provider: string, refusal: ProviderCallRefusal): void;
  circuitStateChanged(provider: string, state: CircuitState): void;
  /** A call waits `waitMs` for its turn under the rate limit; the answer is called when the turn comes. */
  waitingForTurn(provider: string, waitMs: number): () => void;
  /** The provider answered 429; `reason` is the one it gave (`endpoint-rate`, ..., `lock_timeout`, `unspecified`). */
  rateLimited(provider: string, reason: string): void;
  /** A provider account's rate budgets came to be; `currentRates` answers each one's pace now (`global`, or an endpoint's path template). */
  rateBudgets(provider: string, currentRates: () => ReadonlyMap<string, number>): void;
}

/** Where a read was answered: this process's memory, or (in a fleet) a shared level. */
export type CacheLevel = 'process' | 'redis';

/** Why a kept answer was dropped before anyone asked for it again. */
export type CacheEvictionCause = 'age' | 'size' | 'webhook';

export interface CacheRecorder {
  hit(): void;
  miss(): void;
  /** A read joined a provider call already in flight for the same answer. */
  joined(): void;
  evicted(cause: CacheEvictionCause): void;
}

/**
 * What became of a delivery: `verified` (evictions done), `rejected` (signature, timestamp
 * or body), `repeated` (an event handled already: nothing done), `unsaved` (the eviction
 * could not reach Redis: answered 503 for the provider to retry).
 */
export type WebhookResult = 'verified' | 'rejected' | 'repeated' | 'unsaved';

export interface WebhookRecorder {
  received(provider: string, result: WebhookResult): void;
}

/** Why the change feed read a session. */
export type SubscriptionReadPurpose = 'first-read' | 'refetch-after-webhook' | 'poll';

export interface SubscriptionRecorder {
  /** The change feed read a session (through the read cache: a hit costs no provider call). */
  read(purpose: SubscriptionReadPurpose): void;
  /** Where the number of open subscriptions is read from. */
  countOpen(source: () => number): void;
}

/** For a layer used without observability (unit tests, tools): records nothing. */
export const unrecordedProviderCalls: ProviderCallRecorder = {
  callStarted: () => ({ finished: () => {} }),
  callRefused: () => {},
  circuitStateChanged: () => {},
  waitingForTurn: () => () => {},
  rateLimited: () => {},
  rateBudgets: () => {},
};

export const unrecordedCache: CacheRecorder = { hit: () => {}, miss: () => {}, joined: () => {}, evicted: () => {} };

export const unrecordedWebhooks: WebhookRecorder = { received: () => {} };

export const unrecordedSubscriptions: SubscriptionRecorder = { read: () => {}, countOpen: () => {} };
