/** A budget of one provider account: its `global` one over every endpoint, or one endpoint's own. */
export type BudgetScope = 'endpoint' | 'global';

/** What a provider's 429 asks for, as its client reads it. */
export type RateLimitSignal =
  /** Calls to the named budget came too fast: that budget's rate slows down. */
  | { slow: 'rate'; scope: BudgetScope; reason: string }
  /** Too many calls at once on the named budget: fewer are let through together. */
  | { slow: 'concurrency'; scope: BudgetScope; reason: string }
  /** Busy with one object (a lock), not over any budget: retried without a slowdown. */
  | { slow: 'nothing'; reason: string };

/** The answer a provider's 429 came with, for its client to read the signal from. */
export interface RateLimitedAnswer {
  header(name: string): string | undefined;
  /** The body parsed as JSON; undefined when it is not JSON. */
  body: unknown;
}

/** What a provider module declares about its limits; the HTTP client makes budgets of them. */
export interface ProviderRateLimits {
  /** Calls per second the provider documents for one account, over all endpoints; undefined: none documented. */
  documentedGlobalPerSecond?: number | undefined;
  /**
   * Each endpoint the client calls, by path template, with the calls per second the provider
   * documents for it (undefined: none). A call to an endpoint not named counts only against
   * the global budget.
   */
  endpoints: Readonly<Record<string, number | undefined>>;
  /** Reads which budget a 429 names; without a reader every 429 slows the account's global budget. */
  readRateLimited?: ((answer: RateLimitedAnswer) => RateLimitSignal) | undefined;
}

/** One provider account's budgets in calls per second, as configured; a budget left out is not kept. */
export interface AccountBudgets {
  provider: string;
  /** A hash of the key the calls use (`rateLimitAccount`), never the key itself. */
  account: string;
  globalPerSecond: number | undefined;
  /** By path template. */
  endpointPerSecond: ReadonlyMap<string, number>;
}

/** A call's place under its budgets. */
export interface Turn {
  /** False: the turn would come later than the caller waits, and nothing was reserved. */
  granted: boolean;
  /** How long to wait for the turn; when refused, how long a call arriving now would wait. */
  waitMs: number;
  /** True once one of the turn's budgets slowed down after it was given: the call asks for a new one at the slower pace. */
  overtaken(): boolean;
  /**
   * For a turn shared with other processes: past this moment (`performance.now()` time) it
   * is too late to use, and a new one is taken. Calls of one process are held to their
   * turns' spacing as sent (`SendLogs`); those of several are not.
   */
  usableUntil?: number;
}

/** The pace of calls to one provider account: local to this process, or shared by every replica. */
export interface RateLimit {
  /** Reserves the next turn under the endpoint's budget (when it has one) and the account's together, when it comes within `maxWaitMs`. */
  nextTurn(endpoint: string, maxWaitMs: number): Promise<Turn>;
  /** The budget a 429 named slows down (at most once a second: answers to calls sent at the old pace say nothing new). */
  slowDown(scope: BudgetScope, endpoint: string): Promise<void>;
  /** Each budget's pace now in calls per second, by `global` or the endpoint's path template: lower than configured after a 429. */
  currentRates(): ReadonlyMap<string, number>;
}

export type RateLimitFactory = (budgets: AccountBudgets) => RateLimit;

/**
 * How a budget slows down on a 429 and recovers: the same numbers in one process and in
 * Redis. Multiplicative decrease, linear recovery, as TCP does with congestion.
 */
export const rateAdaptation = {
  /** A 429 leaves this share of the current rate. */
  decrease: 0.5,
  /** Share of the budget regained each second after a slowdown. */
  recoveryPerSecond: 0.1,
  /** A 429 within this long of the last slowdown answers a call sent at the old pace: it slows nothing further. */
  holdMs: 1000,
  /** The slowest a budget goes, in calls per second (or its own rate, when lower). */
  floorPerSecond: 1,
};

/**
 * Milliseconds between two calls at `perSecond`. No burst: `perSecond` calls span a little
 * more than a second (a twentieth), so a call sent a few milliseconds late never puts one
 * more call into some one-second window, as sent or as counted by the provider.
 */
export function spacingMs(perSecond: number): number {
  return spacingPerCallSecondMs / perSecond;
}

/** `perSecond` calls span this many milliseconds. */
export const spacingPerCallSecondMs = 1050;

/** The rate a budget of `limit` is at `now`, having slowed to `slowedTo` at `slowedAt`. */
export function recoveredRate(limit: number, slowedTo: number, slowedAt: number, now: number): number {
  return Math.min(limit, slowedTo + (limit * rateAdaptation.recoveryPerSecond * (now - slowedAt)) / 1000);
}

/** The rate a 429 leaves a budget at, from its rate now. */
export function slowedRate(limit: number, rate: number): number {
  return Math.max(Math.min(limit, rateAdaptation.floorPerSecond), rate * rateAdaptation.decrease);
}
