import type { EmulatorRateLimits, RateLimitedReason } from '../providers/emulated-provider.js';

const windowMs = 1000;

/** The times of the calls answered within the last second, oldest first. */
class SlidingWindow {
  private readonly times: number[] = [];

  count(now: number): number {
    while (this.times.length > 0 && this.times[0]! <= now - windowMs) this.times.shift();
    return this.times.length;
  }

  add(now: number): void {
    this.count(now);
    this.times.push(now);
  }
}

/**
 * A provider's documented limits, counted as Stripe documents its own: a sliding one-second
 * window for each endpoint and one for the account over all of them. A call over either is refused and
 * counts in neither; a call within both counts in both.
 */
export class RateWindows {
  private readonly global = new SlidingWindow();
  private readonly endpoints = new Map<string, SlidingWindow>();

  constructor(private limits: EmulatorRateLimits) {}

  setLimits(limits: EmulatorRateLimits): void {
    this.limits = limits;
  }

  /** The limit this call is over, or undefined when it is within them (and is counted). */
  admit(endpoint: string | undefined, now: number = performance.now()): RateLimitedReason | undefined {
    const { globalPerSecond, endpointPerSecond } = this.limits;
    if (globalPerSecond === undefined && endpointPerSecond === undefined) return undefined;
    let window: SlidingWindow | undefined;
    if (endpoint !== undefined) {
      window = this.endpoints.get(endpoint);
      if (!window) this.endpoints.set(endpoint, (window = new SlidingWindow()));
    }
    if (window && endpointPerSecond !== undefined && window.count(now) >= endpointPerSecond) return 'endpoint-rate';
    if (globalPerSecond !== undefined && this.global.count(now) >= globalPerSecond) return 'global-rate';
    window?.add(now);
    this.global.add(now);
    return undefined;
  }
}
