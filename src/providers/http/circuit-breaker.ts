import { CallWindow } from './call-window.js';

export interface CircuitBreakerOptions {
  /** Calls the window must hold before their failure rate is judged; 0 turns the breaker off. */
  minCalls: number;
  /** Share of the window's calls, in (0, 1], that must have failed for the circuit to open. */
  failureRate: number;
  /** How far back calls are judged. */
  windowMs: number;
  /** How long an open circuit fails fast before it lets probes through. */
  cooldownMs: number;
}

/**
 * The breaker's answer to "may this call go to the provider?". An admitted call hands its
 * admission back to `record` or `release`, so the breaker can tell a probe from an ordinary
 * call and ignore outcomes of calls admitted before the circuit last changed state.
 */
export type Admission =
  | { admitted: true; probe: boolean; generation: number }
  | { admitted: false; retryAfterMs: number };

export type CircuitState = 'closed' | 'open' | 'half-open';

/** Probes a half-open circuit lets through at once, and the successes that close it. */
const halfOpenProbes = 3;

/**
 * Judges one provider's health from the calls made to it, one outcome per call. It opens
 * only once the sliding window holds at least `minCalls` calls and at least `failureRate`
 * of them failed, so a quiet replica's few broken sessions never make an outage of it.
 * Open, it fails fast; after the cool-down it is half-open and lets up to three probes
 * through at a time: three successes close it, any failure opens it for another cool-down.
 */
export class CircuitBreaker {
  private readonly window: CallWindow;
  private currentState: CircuitState = 'closed';
  /** Counts changes of state; outcomes of calls admitted under an earlier state are ignored. */
  private generation = 0;
  private openUntil = 0;
  private probesInFlight = 0;
  private probeSuccesses = 0;

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly onStateChange: (state: CircuitState) => void = () => {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.window = new CallWindow(options.windowMs);
  }

  get state(): CircuitState {
    return this.currentState;
  }

  admit(): Admission {
    if (this.currentState === 'closed') return { admitted: true, probe: false, generation: this.generation };
    const now = this.now();
    if (this.currentState === 'open' && now >= this.openUntil) this.transition('half-open');
    // Never more probes out than successes still needed; the calls beyond them fail fast.
    if (this.currentState === 'half-open' && this.probesInFlight + this.probeSuccesses < halfOpenProbes) {
      this.probesInFlight += 1;
      return { admitted: true, probe: true, generation: this.generation };
    }
    return { admitted: false, retryAfterMs: Math.max(0, this.openUntil - now) };
  }

  /** `healthy` says whether the provider itself worked, whatever became of the session. */
  record(admission: Admission, healthy: boolean): void {
    if (!this.isCurrent(admission) || this.options.minCalls === 0) return;
    if (admission.probe) {
      this.probesInFlight -= 1;
      if (!healthy) this.open();
      else if (++this.probeSuccesses === halfOpenProbes) this.transition('closed');
      return;
    }
    const { calls, failures } = this.window.add(this.now(), !healthy);
    if (calls >= this.options.minCalls && failures / calls >= this.options.failureRate) this.open();
  }

  /** For an admitted call that never reached the provider: no verdict, and its probe slot is free again. */
  release(admission: Admission): void {
    if (this.isCurrent(admission) && admission.probe) this.probesInFlight -= 1;
  }

  private isCurrent(admission: Admission): admission is Extract<Admission, { admitted: true }> {
    return admission.admitted && admission.generation === this.generation;
  }

  private open(): void {
    this.openUntil = this.now() + this.options.cooldownMs;
    this.transition('open');
  }

  private transition(state: CircuitState): void {
    this.generation += 1;
    this.probesInFlight = 0;
    this.probeSuccesses = 0;
    if (state === 'closed') this.window.clear();
    this.currentState = state;
    this.onStateChange(state);
  }
}
