import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from '../../../src/providers/http/circuit-breaker.js';

function breaker(failureThreshold = 5, cooldownMs = 1_000) {
  let now = 0;
  const states: CircuitState[] = [];
  const circuit = new CircuitBreaker({ failureThreshold, cooldownMs }, (state) => states.push(state), () => now);
  const call = (resource: string, healthy: boolean) => {
    const admission = circuit.admit();
    if (admission.admitted) circuit.record(admission, resource, healthy);
    return admission;
  };
  return { circuit, states, call, advance: (ms: number) => (now += ms) };
}

describe('the per-provider circuit breaker', () => {
  it('opens when failures spread over many sessions, and then fails fast', () => {
    const { circuit, call } = breaker(5);
    for (let index = 0; index < 5; index += 1) call(`/v1/checkout/sessions/cs_${index}`, false);
    expect(circuit.state).toBe('open');
    expect(circuit.admit()).toEqual({ admitted: false, retryAfterMs: 1_000 });
  });

  it('stays closed when failures are confined to a few sessions while the rest succeed', () => {
    const { circuit, call } = breaker(5);
    for (let round = 0; round < 20; round += 1) {
      call('/v1/checkout/sessions/cs_broken1', false);
      call('/v1/checkout/sessions/cs_broken2', false);
      call(`/v1/checkout/sessions/cs_good${round}`, true);
      call(`/v1/checkout/sessions/cs_fine${round}`, true);
      call(`/v1/checkout/sessions/cs_ok${round}`, true);
    }
    expect(circuit.state).toBe('closed');
  });

  it('stays closed when one session keeps failing on its own', () => {
    const { circuit, call } = breaker(5);
    for (let round = 0; round < 50; round += 1) call('/v1/checkout/sessions/cs_broken', false);
    expect(circuit.state).toBe('closed');
  });

  it('stays closed while failures are a minority of calls', () => {
    const { circuit, call } = breaker(5);
    for (let round = 0; round < 30; round += 1) {
      call(`/v1/checkout/sessions/cs_bad${round}`, false);
      call(`/v1/checkout/sessions/cs_good${round}a`, true);
      call(`/v1/checkout/sessions/cs_good${round}b`, true);
    }
    expect(circuit.state).toBe('closed');
  });

  it('lets one probe through after the cool-down and closes when it succeeds', () => {
    const { circuit, call, advance, states } = breaker(3);
    for (let index = 0; index < 3; index += 1) call(`/s/${index}`, false);
    advance(1_000);
    const probe = circuit.admit();
    expect(probe).toEqual({ admitted: true, probe: true });
    expect(circuit.admit().admitted).toBe(false);
    circuit.record(probe as { probe: boolean }, '/s/9', true);
    expect(circuit.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again for another cool-down when the probe fails', () => {
    const { circuit, call, advance } = breaker(3);
    for (let index = 0; index < 3; index += 1) call(`/s/${index}`, false);
    advance(1_000);
    call('/s/9', false);
    expect(circuit.state).toBe('open');
    advance(999);
    expect(circuit.admit().admitted).toBe(false);
  });

  it('forgets failures older than its window', () => {
    const { circuit, call, advance } = breaker(3);
    call('/s/1', false);
    call('/s/2', false);
    advance(11_000);
    call('/s/3', false);
    expect(circuit.state).toBe('closed');
  });

  it('never opens when turned off with a threshold of 0', () => {
    const { circuit, call } = breaker(0);
    for (let index = 0; index < 100; index += 1) call(`/s/${index}`, false);
    expect(circuit.state).toBe('closed');
  });
});
