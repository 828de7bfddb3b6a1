export interface CircuitBreakerOptions {
  /** Failed calls within the window that open the circuit; 0 turns the breaker off. */
  failureThreshold: number;
  /** How long an open circuit fails fast before it lets one probe through. */
  cooldownMs: number;
  windowMs?: number;
}

export type Admission = { admitted: true; probe: boolean } | { admitted: false; retryAfterMs: number };

export type CircuitState = 'closed' | 'open' | 'half-open';

interface CallRecord {
  at: number;
  /** The resource (URL path) of a failed call; undefined for a healthy one. */
  failedResource: string | undefined;
}

const defaultWindowMs = 10_000;
/** Failures must be spread over this many resources: a few broken ids are not an outage. */
const minDistinctFailedResources = 3;
const minFailureRatio = 0.5;
const maxRecords = 10_000;

/**
 * Judges one provider's health from the calls made to it. It opens only when, within the
 * window, at least `failureThreshold` calls failed, they make up half or more of all
 * calls, and they hit at least three different resources: so a handful of broken
 * sessions among healthy ones never opens it. Open, it fails fast; after the cool-down
 * one probe goes through, and its outcome closes or re-opens the circuit.
 */
export class CircuitBreaker {
  /** Calls within the window, oldest first, from `first` on; the slots before it are spent. */
  private records: CallRecord[] = [];
  private first = 0;
  private failedInWindow = 0;
  private openUntil = 0;
  private probeInFlight = false;
  private currentState: CircuitState = 'closed';
  private readonly windowMs: number;

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly onStateChange: (state: CircuitState) => void = () => {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.windowMs = options.windowMs ?? defaultWindowMs;
  }

  get state(): CircuitState {
    return this.currentState;
  }

  admit(): Admission {
    if (this.currentState === 'closed') return { admitted: true, probe: false };
    const now = this.now();
    if (this.currentState === 'open' && now >= this.openUntil) {
      this.transition('half-open');
    }
    if (this.currentState === 'half-open' && !this.probeInFlight) {
      this.probeInFlight = true;
      return { admitted: true, probe: true };
    }
    return { admitted: false, retryAfterMs: Math.max(0, this.openUntil - now) };
  }

  /** `healthy` says whether the provider itself worked, whatever became of the session. */
  record(admission: { probe: boolean }, resource: string, healthy: boolean): void {
    if (this.options.failureThreshold === 0) return;
    if (admission.probe) {
      this.probeInFlight = false;
      if (healthy) {
        this.forgetAll();
        this.transition('closed');
      } else {
        this.open();
      }
      return;
    }
    if (this.currentState !== 'closed') return;
    const now = this.now();
    this.records.push({ at: now, failedResource: healthy ? undefined : resource });
    if (!healthy) this.failedInWindow += 1;
    this.forgetBefore(now - this.windowMs);
    if (!healthy && this.shouldOpen()) this.open();
  }

  /** For an admitted call that never reached the provider. */
  release(admission: { probe: boolean }): void {
    if (admission.probe) this.probeInFlight = false;
  }

  private shouldOpen(): boolean {
    if (this.failedInWindow < this.options.failureThreshold) return false;
    if (this.failedInWindow / (this.records.length - this.first) < minFailureRatio) return false;
    const distinct = new Set<string>();
    for (let index = this.first; index < this.records.length; index += 1) {
      const resource = this.records[index]!.failedResource;
      if (resource !== undefined) distinct.add(resource);
    }
    return distinct.size >= Math.min(minDistinctFailedResources, this.options.failureThreshold);
  }

  private open(): void {
    this.openUntil = this.now() + this.options.cooldownMs;
    this.forgetAll();
    this.transition('open');
  }

  private forgetAll(): void {
    this.records = [];
    this.first = 0;
    this.failedInWindow = 0;
  }

  /** Drops records older than `cutoff`, or beyond the cap, by moving `first`: no copying on every call. */
  private forgetBefore(cutoff: number): void {
    const records = this.records;
    while (this.first < records.length && (records[this.first]!.at < cutoff || records.length - this.first > maxRecords)) {
      if (records[this.first]!.failedResource !== undefined) this.failedInWindow -= 1;
      this.first += 1;
    }
    // Compacts once the spent slots outnumber the live ones, so each record is copied O(1) times.
    if (this.first > 1024 && this.first * 2 > records.length) {
      this.records = records.slice(this.first);
      this.first = 0;
    }
  }

  private transition(state: CircuitState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.onStateChange(state);
  }
}
