/**
 * A per-provider pacing queue (the generic cell rate algorithm): calls are spaced
 * `1000 / requestsPerSecond` ms apart, with a burst of a tenth of a second's worth, so
 * no one-second window carries more than the rate plus that burst. A call learns its
 * place at once: when that place is further out than the caller will wait, it is refused
 * without queueing.
 */
export class RateLimiter {
  private readonly intervalMs: number;
  private readonly burstToleranceMs: number;
  private theoreticalArrival = 0;

  constructor(
    readonly requestsPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.intervalMs = 1000 / requestsPerSecond;
    const burst = Math.max(1, Math.floor(requestsPerSecond / 10));
    this.burstToleranceMs = (burst - 1) * this.intervalMs;
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
}
