import { describe, expect, it } from 'vitest';
import { ConcurrencyLimits } from '../../../../src/providers/http/concurrency-limits.js';

const sessions = '/v1/checkout/sessions/{id}';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('the concurrency caps of one provider account', () => {
  it('lets every call go at once until the provider says there were too many', async () => {
    const limits = new ConcurrencyLimits(clock().now);
    const slots = await Promise.all(Array.from({ length: 64 }, () => limits.acquire(sessions, 0)));
    expect(slots.every((slot) => slot !== undefined)).toBe(true);
    expect(limits.cap('endpoint', sessions)).toBe(Number.POSITIVE_INFINITY);
  });

  it('halves them from the most in flight, makes the others wait in order, and lifts the cap once recovered', async () => {
    const time = clock();
    const limits = new ConcurrencyLimits(time.now);
    const slots = await Promise.all(Array.from({ length: 16 }, () => limits.acquire(sessions, 0)));
    limits.lower('endpoint', sessions);
    expect(limits.cap('endpoint', sessions)).toBe(8);
    for (const slot of slots.slice(0, 9)) slot!();
    // Seven in flight under a cap of eight: one more goes, the next waits for a slot.
    expect(await limits.acquire(sessions, 0)).toBeDefined();
    const waiting = limits.acquire(sessions, 10_000);
    let granted = false;
    void waiting.then(() => (granted = true));
    await Promise.resolve();
    expect(granted).toBe(false);
    slots[9]!();
    expect(await waiting).toBeDefined();
    // A tenth of sixteen back each second: 8 + 1.6 × 2.5 = 12 after 2.5 s, lifted at 16 after 5 s.
    time.advance(2_500);
    expect(limits.cap('endpoint', sessions)).toBe(12);
    time.advance(2_500);
    expect(limits.cap('endpoint', sessions)).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses a slot that would not come within the wait', async () => {
    const limits = new ConcurrencyLimits(clock().now);
    await limits.acquire(sessions, 0);
    limits.lower('global', sessions);
    expect(limits.cap('global', sessions)).toBe(1);
    expect(await limits.acquire(sessions, 20)).toBeUndefined();
  });
});
