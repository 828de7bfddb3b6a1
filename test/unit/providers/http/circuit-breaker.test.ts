import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type Admission, type CircuitState } from '../../../../src/providers/http/circuit-breaker.js';

/** The README's defaults: 50 calls, half of them failed, within 10 s; a 10 s cool-down. */
function breaker(options: { minCalls?: number; failureRate?: number; windowMs?: number; cooldownMs?: number } = {}) {
  let now = 0;
  const states: CircuitState[] = [];
  const circuit = new CircuitBreaker(
    { minCalls: 50, failureRate: 0.5, windowMs: 10_000, cooldownMs: 10_000, ...options },
    (state) => states.push(state),
    () => now,
  );
  /** One call, start to finish; `healthy` is whether the provider worked. */
  const call = (healthy: boolean): Admission => {
    const admission = circuit.admit();
    circuit.record(admission, healthy);
    return admission;
  };
  const calls = (count: number, healthy: boolean) => {
    for (let index = 0; index < count; index += 1) call(healthy);
  };
  return { circuit, states, call, calls, advance: (ms: number) => (now += ms) };
}

/** Opens the circuit with 50 failed calls and waits out the cool-down. */
function halfOpenBreaker() {
  const subject = breaker();
  subject.calls(50, false);
  subject.advance(10_000);
  return subject;
}

describe('the per-provider circuit breaker', () => {
  it('stays closed on a quiet replica where five broken sessions, each asked for twice, are all the calls', () => {
    const { circuit, calls } = breaker();
    calls(10, false);
    expect(circuit.state).toBe('closed');
    expect(circuit.admit()).toMatchObject({ admitted: true, probe: false });
  });

  it('stays closed while the window holds fewer than the minimum number of calls, however many failed', () => {
    const { circuit, calls } = breaker();
    calls(49, false);
    expect(circuit.state).toBe('closed');
  });

  it('opens on the call that brings the window to 50 calls with half of them failed, and then fails fast', () => {
    const { circuit, calls, states } = breaker();
    calls(25, true);
    calls(24, false);
    expect(circuit.state).toBe('closed');
    calls(1, false);
    expect(circuit.state).toBe('open');
    expect(states).toEqual(['open']);
    expect(circuit.admit()).toEqual({ admitted: false, retryAfterMs: 10_000 });
  });

  it('stays closed under heavy traffic while failures stay below the failure rate', () => {
    const { circuit, calls } = breaker();
    for (let round = 0; round < 100; round += 1) {
      calls(51, true);
      calls(49, false);
    }
    expect(circuit.state).toBe('closed');
  });

  it('follows PROVIDER_BREAKER_FAILURE_RATE and PROVIDER_BREAKER_MIN_CALLS when they are set', () => {
    const { circuit, calls } = breaker({ minCalls: 20, failureRate: 0.1 });
    calls(18, true);
    calls(1, false);
    expect(circuit.state).toBe('closed');
    calls(1, false);
    expect(circuit.state).toBe('open');
  });

  it('forgets calls older than its window', () => {
    const { circuit, calls, advance } = breaker();
    calls(49, false);
    advance(10_000);
    calls(1, false);
    expect(circuit.state).toBe('closed');
    calls(48, false);
    expect(circuit.state).toBe('closed');
  });

  it('still counts calls made earlier within the window', () => {
    const { circuit, calls, advance } = breaker();
    calls(40, false);
    advance(8_000);
    calls(10, false);
    expect(circuit.state).toBe('open');
  });

  it('lets up to three probes through at once after the cool-down and turns the rest away', () => {
    const { circuit } = halfOpenBreaker();
    const probes = [circuit.admit(), circuit.admit(), circuit.admit()];
    expect(probes.every((probe) => probe.admitted && probe.probe)).toBe(true);
    expect(circuit.state).toBe('half-open');
    expect(circuit.admit().admitted).toBe(false);
  });

  it('closes after three successful probes and then admits every call', () => {
    const { circuit, states } = halfOpenBreaker();
    const probes = [circuit.admit(), circuit.admit(), circuit.admit()];
    circuit.record(probes[0]!, true);
    circuit.record(probes[1]!, true);
    expect(circuit.state).toBe('half-open');
    circuit.record(probes[2]!, true);
    expect(circuit.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
    expect(Array.from({ length: 10 }, () => circuit.admit().admitted)).toEqual(Array(10).fill(true));
  });

  it('opens again for a whole cool-down when any probe fails, whatever the others answer later', () => {
    const { circuit, advance, states } = halfOpenBreaker();
    const probes = [circuit.admit(), circuit.admit(), circuit.admit()];
    circuit.record(probes[0]!, true);
    circuit.record(probes[1]!, false);
    circuit.record(probes[2]!, true);
    expect(circuit.state).toBe('open');
    expect(states).toEqual(['open', 'half-open', 'open']);
    advance(9_999);
    expect(circuit.admit()).toEqual({ admitted: false, retryAfterMs: 1 });
    advance(1);
    expect(circuit.admit()).toMatchObject({ admitted: true, probe: true });
  });

  it('gives the slot of a probe that never reached the provider to the next call', () => {
    const { circuit } = halfOpenBreaker();
    const probes = [circuit.admit(), circuit.admit(), circuit.admit()];
    circuit.release(probes[0]!);
    expect(circuit.admit()).toMatchObject({ admitted: true, probe: true });
    expect(circuit.admit().admitted).toBe(false);
  });

  it('never counts a slow call admitted before the circuit opened as a probe', () => {
    const { circuit, calls, advance } = breaker();
    const slowCall = circuit.admit();
    calls(50, false);
    advance(10_000);
    const probes = [circuit.admit(), circuit.admit()];
    circuit.record(slowCall, true);
    for (const probe of probes) circuit.record(probe, true);
    expect(circuit.state).toBe('half-open');
  });

  it('judges a closed circuit on a fresh window, not on the failures that opened it', () => {
    const { circuit, calls } = halfOpenBreaker();
    calls(3, true);
    expect(circuit.state).toBe('closed');
    calls(47, false);
    expect(circuit.state).toBe('closed');
  });

  it('never opens when turned off with PROVIDER_BREAKER_MIN_CALLS=0', () => {
    const { circuit, calls } = breaker({ minCalls: 0 });
    calls(1_000, false);
    expect(circuit.state).toBe('closed');
  });
});
