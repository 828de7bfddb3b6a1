import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../src/providers/http/rate-limiter.js';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('the per-provider rate limiter', () => {
  it('lets a tenth of a second of calls through at once, then spaces the rest evenly', () => {
    const time = clock();
    const limiter = new RateLimiter(20, time.now);
    const waits = Array.from({ length: 5 }, () => limiter.reserve(10_000));
    expect(waits).toEqual([0, 0, 50, 100, 150]);
  });

  it('keeps any one-second window under the rate plus its small burst', () => {
    const time = clock();
    const limiter = new RateLimiter(90, time.now);
    const startsAt = Array.from({ length: 500 }, () => time.now() + limiter.reserve(60_000)!);
    for (const start of startsAt) {
      const inWindow = startsAt.filter((other) => other >= start && other < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(99);
    }
  });

  it('refuses a call at once, reserving nothing, when its turn is further out than the caller will wait', () => {
    const time = clock();
    const limiter = new RateLimiter(10, time.now);
    expect(limiter.reserve(250)).toBe(0);
    expect(limiter.reserve(250)).toBe(100);
    expect(limiter.reserve(250)).toBe(200);
    expect(limiter.reserve(250)).toBeUndefined();
    expect(limiter.currentWaitMs()).toBe(300);
    time.advance(100);
    expect(limiter.reserve(250)).toBe(200);
  });

  it('forgets idle time: after a pause the burst is available again', () => {
    const time = clock();
    const limiter = new RateLimiter(20, time.now);
    for (let index = 0; index < 10; index += 1) limiter.reserve(10_000);
    time.advance(5_000);
    expect([limiter.reserve(0), limiter.reserve(0)]).toEqual([0, 0]);
  });
});
