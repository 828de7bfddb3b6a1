import { rateAdaptation, type BudgetScope } from './rate-limit.js';

/** Called once a call may go; undefined when no slot came within the wait. */
export type ReleaseSlot = () => void;

interface Waiter {
  grant: () => void;
  timer: NodeJS.Timeout;
}

/** How long a lowered cap takes to climb back from half to where it was lowered from, when it is lifted. */
const recoverySeconds = (1 - rateAdaptation.decrease) / rateAdaptation.recoveryPerSecond;

/** How far back the calls in flight are looked at when the provider says there were too many. */
const peakWindowMs = 1000;

/**
 * How many calls of one budget may be in flight at once. Unlimited until the provider says
 * too many were (a `*-concurrency` 429): then half of the most that were in flight within
 * the last second (the answers of the others may well have come first), at least one,
 * rising again by a tenth of that level each second until it is reached, when the cap is
 * lifted (after 5 s; one call at a time until then when only one was in flight). Calls
 * over the cap wait in order for a slot.
 */
class AdaptiveConcurrency {
  private inFlight = 0;
  private recentPeak = 0;
  private recentPeakAt = Number.NEGATIVE_INFINITY;
  private readonly waiting: Waiter[] = [];
  /** Calls in flight when the cap was set; undefined: no cap. */
  private loweredFrom: number | undefined;
  private loweredTo = 0;
  private loweredAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number) {}

  acquire(maxWaitMs: number): Promise<boolean> {
    if (this.waiting.length === 0 && this.inFlight < this.cap()) {
      this.taken();
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: () => resolve(true),
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          resolve(false);
        }, maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  release(): void {
    this.inFlight -= 1;
    while (this.waiting.length > 0 && this.inFlight < this.cap()) {
      const waiter = this.waiting.shift()!;
      clearTimeout(waiter.timer);
      this.taken();
      waiter.grant();
    }
  }

  lower(): void {
    const now = this.now();
    if (now - this.loweredAt < rateAdaptation.holdMs) return;
    const peak = now - this.recentPeakAt < peakWindowMs ? this.recentPeak : 0;
    const from = Math.min(Math.max(this.inFlight, peak), this.cap());
    this.loweredFrom = Math.max(1, from);
    this.loweredTo = Math.max(1, Math.floor(from * rateAdaptation.decrease));
    this.loweredAt = now;
  }

  private taken(): void {
    this.inFlight += 1;
    const now = this.now();
    if (this.inFlight >= this.recentPeak || now - this.recentPeakAt >= peakWindowMs) {
      this.recentPeak = this.inFlight;
      this.recentPeakAt = now;
    }
  }

  /** Calls allowed in flight now. */
  cap(): number {
    if (this.loweredFrom === undefined) return Number.POSITIVE_INFINITY;
    const seconds = (this.now() - this.loweredAt) / 1000;
    if (seconds < recoverySeconds) {
      return Math.min(this.loweredFrom, Math.floor(this.loweredTo + this.loweredFrom * rateAdaptation.recoveryPerSecond * seconds));
    }
    this.loweredFrom = undefined;
    return Number.POSITIVE_INFINITY;
  }
}

/** One provider account's concurrency caps: the account's and each endpoint's, in this process. */
export class ConcurrencyLimits {
  private readonly global: AdaptiveConcurrency;
  private readonly endpoints = new Map<string, AdaptiveConcurrency>();

  constructor(private readonly now: () => number = () => performance.now()) {
    this.global = new AdaptiveConcurrency(now);
  }

  /** A slot under the endpoint's cap and the account's, within `maxWaitMs`; undefined when none came. */
  async acquire(endpoint: string, maxWaitMs: number): Promise<ReleaseSlot | undefined> {
    const own = this.endpoint(endpoint);
    const waitUntil = this.now() + maxWaitMs;
    if (!(await own.acquire(maxWaitMs))) return undefined;
    if (!(await this.global.acquire(Math.max(0, waitUntil - this.now())))) {
      own.release();
      return undefined;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.global.release();
      own.release();
    };
  }

  lower(scope: BudgetScope, endpoint: string): void {
    (scope === 'global' ? this.global : this.endpoint(endpoint)).lower();
  }

  /** The cap of one budget now (`Infinity` when there is none), for tests and metrics. */
  cap(scope: BudgetScope, endpoint: string): number {
    return (scope === 'global' ? this.global : this.endpoint(endpoint)).cap();
  }

  private endpoint(endpoint: string): AdaptiveConcurrency {
    let limit = this.endpoints.get(endpoint);
    if (!limit) this.endpoints.set(endpoint, (limit = new AdaptiveConcurrency(this.now)));
    return limit;
  }
}
