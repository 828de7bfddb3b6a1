import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../../../src/logger.js';
import { RateLimiter } from '../../../../src/providers/http/rate-limiter.js';
import { SharedRateLimiter } from '../../../../src/providers/http/shared-rate-limiter.js';
import { connectSharedRedis, type SharedRedis } from '../../../../src/redis/shared-redis.js';
import { startRedisServer, type RedisServer } from '../../../support/redis-server.js';

logger.level = process.env.LOG_LEVEL ?? 'silent';

/** Most turns that start within any one second. */
function busiestSecond(startsAt: number[]): number {
  return Math.max(...startsAt.map((start) => startsAt.filter((other) => other >= start && other < start + 1000).length));
}

describe('the rate budget shared through Redis', () => {
  let server: RedisServer;
  const replicas: SharedRedis[] = [];
  let budgetNumber = 0;
  const connect = async () => {
    // A generous deadline: a busy test machine must not push these limiters onto their local fallback.
    const redis = await connectSharedRedis({ url: server.url, keyPrefix: 'test:', timeoutMs: 1000, probeIntervalMs: 50 });
    replicas.push(redis);
    return redis;
  };
  /** A fresh budget key, as for another provider account. */
  const newBudget = () => `test:rate:Stripe:account${(budgetNumber += 1)}`;

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(replicas.map((redis) => redis.close()));
    await server.close();
  });

  it('holds two replicas together to one rate: no second carries more than 20 calls plus the burst of 2', async () => {
    const [first, second] = [await connect(), await connect()];
    const budget = newBudget();
    const limiters = [first, second].map((redis) => new SharedRateLimiter(redis, budget, 20, new RateLimiter(20)));
    // Each turn's start, counted from when it was asked for: a reply read late by a busy event loop does not move it.
    const startsAt = await Promise.all(
      Array.from({ length: 60 }, async (_, index) => {
        const askedAt = performance.now();
        const turn = await limiters[index % 2]!.nextTurn(10_000);
        expect(turn.granted).toBe(true);
        return askedAt + turn.waitMs;
      }),
    );
    expect(busiestSecond(startsAt)).toBeLessThanOrEqual(22);
    expect(Math.max(...startsAt) - Math.min(...startsAt)).toBeGreaterThan(2_000);
  });

  it('refuses a turn later than the caller will wait, at once and reserving nothing', async () => {
    const limiter = new SharedRateLimiter(await connect(), newBudget(), 10, new RateLimiter(10));
    const turns = [await limiter.nextTurn(150), await limiter.nextTurn(150), await limiter.nextTurn(150)];
    expect(turns.map((turn) => turn.granted)).toEqual([true, true, false]);
    expect(turns[1]!.waitMs).toBeGreaterThan(80);
    expect(turns[2]!.waitMs).toBeGreaterThan(150);
    const afterRefusal = await limiter.nextTurn(1_000);
    expect(afterRefusal.granted).toBe(true);
    expect(afterRefusal.waitMs).toBeLessThanOrEqual(turns[2]!.waitMs);
  });

  it('never lets two provider accounts on one Redis share a budget', async () => {
    const redis = await connect();
    const accountA = new SharedRateLimiter(redis, newBudget(), 1, new RateLimiter(1));
    const accountB = new SharedRateLimiter(redis, newBudget(), 1, new RateLimiter(1));
    expect(await accountA.nextTurn(0)).toEqual({ granted: true, waitMs: 0 });
    expect(await accountB.nextTurn(0)).toEqual({ granted: true, waitMs: 0 });
    expect((await accountA.nextTurn(0)).granted).toBe(false);
  });

  it('paces at its local share of the rate while Redis is down, and shares again once it is back', async () => {
    const redis = await connect();
    const budget = newBudget();
    const limiter = new SharedRateLimiter(redis, budget, 10, new RateLimiter(10 / 2));
    await server.kill();
    try {
      const waits = [];
      for (let call = 0; call < 3; call += 1) waits.push((await limiter.nextTurn(10_000)).waitMs);
      // 5 per second, the local half of 10.
      expect(waits[0]).toBe(0);
      expect(waits[1]).toBeGreaterThan(190);
      expect(waits[2]).toBeGreaterThan(390);
    } finally {
      await server.start();
    }
    const other = new SharedRateLimiter(await connect(), budget, 10, new RateLimiter(10));
    for (const start = performance.now(); redis.state !== 'ok' && performance.now() - start < 5_000; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [mine, theirs] = [await limiter.nextTurn(10_000), await other.nextTurn(10_000)];
    expect(mine.waitMs).toBe(0);
    // One budget again: the other replica's turn comes a tenth of a second after this one's.
    expect(theirs.waitMs).toBeGreaterThan(50);
  });
});
