import type { ReadOrigin } from '../../request-tally.js';
import type { CircuitState } from './circuit-breaker.js';

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

/** What the HTTP client tells observability of its calls, in its own terms. */
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

/** For a client used without observability (unit tests, tools): records nothing. */
export const unrecordedProviderCalls: ProviderCallRecorder = {
  callStarted: () => ({ finished: () => {} }),
  callRefused: () => {},
  circuitStateChanged: () => {},
  waitingForTurn: () => () => {},
  rateLimited: () => {},
  rateBudgets: () => {},
};
