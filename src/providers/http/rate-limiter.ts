import { cellRateSpacing, type RateLimit, type Turn } from './rate-limit.js';

/**
 * A per-provider pacing queue in this process (the generic cell rate algorithm): calls are
 * spaced `1000 / requestsPerSecond` ms apart, with a burst of a tenth of a second's worth.
 * A call learns its place at once: when that place is further out than the caller will
 * wait, it is refused without queueing.
 */
export class RateLimiter implements RateLimit {
  private readonly intervalMs: number;
  private readonly burstToleranceMs: number;
  private theoreticalArrival = 0;

  constructor(
    readonly requestsPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    ({ intervalMs: this.intervalMs, burstToleranceMs: this.burstToleranceMs } = cellRateSpacing(requestsPerSecond));
  }

  /**
   * Reserves the next free slot and answers how long to wait for it, or undefined (and
   * reserves nothing) when that would be longer than `maxWaitMs`.
   */
  reserve(maxWaitMs: number): number | undefined {
    const now = this.now();
    const arrival = Math.max(this.theoreticalArrival, now);
    const waitMs = Math.max(0, arrival - this.burstToleranceMs - now);
    if (waitMs > maxWaitMs) return undefined;
    this.theoreticalArrival = arrival + this.intervalMs;
    return waitMs;
  }

  /** How long a call arriving now would wait. */
  currentWaitMs(): number {
    return Math.max(0, this.theoreticalArrival - this.burstToleranceMs - this.now());
  }

  nextTurn(maxWaitMs: number): Promise<Turn> {
    const waitMs = this.reserve(maxWaitMs);
    return Promise.resolve(waitMs === undefined ? { granted: false, waitMs: this.currentWaitMs() } : { granted: true, waitMs });
  }
}
