import {
  rateAdaptation,
  recoveredRate,
  slowedRate,
  spacingMs,
  type AccountBudgets,
  type BudgetScope,
  type RateLimit,
  type Turn,
} from './rate-limit.js';

/** One budget's pace in this process: when its next call may go, and its slowdown. */
class LocalBudget {
  /** When the next call may go, on the clock of `now`. */
  nextAt = Number.NEGATIVE_INFINITY;
  /** Counts slowdowns, so a turn given before one can tell. */
  generation = 0;
  private slowedTo: number;
  private slowedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly name: string,
    readonly limit: number,
  ) {
    this.slowedTo = limit;
  }

  rate(now: number): number {
    return recoveredRate(this.limit, this.slowedTo, this.slowedAt, now);
  }

  slowDown(now: number, share: number): void {
    if (now - this.slowedAt < rateAdaptation.holdMs) return;
    this.slowedTo = slowedRate(this.limit, this.rate(now));
    this.slowedAt = now;
    // Turns already given at the old pace are given again: the budget starts over at the new one.
    this.nextAt = now + spacingMs(this.slowedTo * share);
    this.generation += 1;
  }
}

/**
 * One provider account's budgets in this process: the account's global one and each
 * endpoint's, kept together. A call's turn is the first moment both its endpoint's budget
 * and the global one allow, and it uses that moment in both: calls of one budget are
 * spaced evenly (`spacingMs`, no burst), so no one-second window holds more than the rate.
 * A call learns its place at once: further out than the caller waits, it is refused and
 * reserves nothing.
 */
export class LocalRateLimit implements RateLimit {
  private readonly global: LocalBudget | undefined;
  private readonly endpoints = new Map<string, LocalBudget>();

  constructor(
    budgets: Pick<AccountBudgets, 'globalPerSecond' | 'endpointPerSecond'>,
    private readonly now: () => number = () => performance.now(),
    /** The share of each budget this process keeps to (a replica's, while Redis cannot share them): 1, all of it. */
    private readonly share: () => number = () => 1,
  ) {
    if (budgets.globalPerSecond) this.global = new LocalBudget('global', budgets.globalPerSecond);
    for (const [endpoint, perSecond] of budgets.endpointPerSecond) {
      if (perSecond > 0) this.endpoints.set(endpoint, new LocalBudget(endpoint, perSecond));
    }
  }

  /** The wait for the next turn, reserved; undefined (nothing reserved) when it is longer than `maxWaitMs`. */
  reserve(endpoint: string, maxWaitMs: number): number | undefined {
    const now = this.now();
    const budgets = this.budgetsOf(endpoint);
    const at = Math.max(now, ...budgets.map((budget) => budget.nextAt));
    if (at - now > maxWaitMs) return undefined;
    for (const budget of budgets) budget.nextAt = at + spacingMs(budget.rate(now) * this.share());
    return at - now;
  }

  /** A turn given elsewhere (by the budgets shared in Redis) at `at`: the next turn here comes after it, at this process's pace. */
  countTurnAt(endpoint: string, at: number): void {
    const now = this.now();
    for (const budget of this.budgetsOf(endpoint)) {
      budget.nextAt = Math.max(budget.nextAt, at + spacingMs(budget.rate(now) * this.share()));
    }
  }

  /** How long a call to the endpoint arriving now would wait. */
  currentWaitMs(endpoint: string): number {
    const now = this.now();
    return Math.max(0, ...this.budgetsOf(endpoint).map((budget) => budget.nextAt - now));
  }

  nextTurn(endpoint: string, maxWaitMs: number): Promise<Turn> {
    const budgets = this.budgetsOf(endpoint);
    const generations = budgets.map((budget) => budget.generation);
    const overtaken = () => budgets.some((budget, index) => budget.generation !== generations[index]);
    const waitMs = this.reserve(endpoint, maxWaitMs);
    return Promise.resolve(
      waitMs === undefined
        ? { granted: false, waitMs: this.currentWaitMs(endpoint), overtaken }
        : { granted: true, waitMs, overtaken },
    );
  }

  slowDown(scope: BudgetScope, endpoint: string): Promise<void> {
    const budget = scope === 'global' ? this.global : this.endpoints.get(endpoint);
    // A provider that names a budget this account does not keep: the global one stands for it.
    (budget ?? this.global)?.slowDown(this.now(), this.share());
    return Promise.resolve();
  }

  currentRates(): ReadonlyMap<string, number> {
    const now = this.now();
    return new Map(this.budgets().map((budget) => [budget.name, budget.rate(now) * this.share()]));
  }

  private budgetsOf(endpoint: string): LocalBudget[] {
    const own = this.endpoints.get(endpoint);
    return [own, this.global].filter((budget) => budget !== undefined);
  }

  private budgets(): LocalBudget[] {
    return [...this.endpoints.values(), ...(this.global ? [this.global] : [])];
  }
}
