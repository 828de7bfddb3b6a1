/** A call's place under a provider's rate limit. */
export interface Turn {
  /** False: the turn would come later than the caller waits, and nothing was reserved. */
  granted: boolean;
  /** How long to wait for the turn; when refused, how long a call arriving now would wait. */
  waitMs: number;
}

/** The pace of calls to one provider account: local to this process, or shared by every replica. */
export interface RateLimit {
  /** Reserves the next turn when it comes within `maxWaitMs`. */
  nextTurn(maxWaitMs: number): Promise<Turn>;
}

/** Whose budget a call counts against: a provider and, never the key itself, a hash of the key it uses. */
export interface RateBudget {
  provider: string;
  account: string;
  perSecond: number;
}

export type RateLimitFactory = (budget: RateBudget) => RateLimit;

/**
 * The generic cell rate algorithm's two numbers: calls are spaced `intervalMs` apart, and
 * a burst of a tenth of a second's worth may go at once, so no one-second window carries
 * more than the rate plus that burst.
 */
export function cellRateSpacing(perSecond: number): { intervalMs: number; burstToleranceMs: number } {
  const intervalMs = 1000 / perSecond;
  const burst = Math.max(1, Math.floor(perSecond / 10));
  return { intervalMs, burstToleranceMs: (burst - 1) * intervalMs };
}
