import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRateLimit } from '../../../../src/providers/http/local-rate-limit.js';
import { RedisRateLimit } from '../../../../src/providers/http/redis-rate-limit.js';
import { connectSharedRedis, type SharedRedis } from '../../../../src/redis/shared-redis.js';
import { busiestSecond } from '../../../support/busiest-second.js';
import { quietLogger } from '../../../support/log-lines.js';
import { startRedisServer, type RedisServer } from '../../../support/redis-server.js';

const sessions = '/v1/checkout/sessions/{id}';
const refunds = '/v1/refunds';

/** Most turns that start within any one second. */
interface Budgets {
  globalPerSecond?: number;
  endpoints?: Record<string, number>;
}

describe('the rate budgets shared through Redis', () => {
  let server: RedisServer;
  const replicas: SharedRedis[] = [];
  let accountNumber = 0;
  const connect = async () => {
    // A generous deadline: a busy test machine must not push these budgets onto their local fallback.
    const redis = await connectSharedRedis({ url: server.url, keyPrefix: 'test:', logger: quietLogger(), timeoutMs: 1000, probeIntervalMs: 50 });
    replicas.push(redis);
    return redis;
  };
  /** A fresh provider account. */
  const newAccount = () => `stripe:test:account${(accountNumber += 1)}`;
  const shared = (redis: SharedRedis, account: string, budgets: Budgets, fallbackShare = 1) => {
    const configured = { globalPerSecond: budgets.globalPerSecond, endpointPerSecond: new Map(Object.entries(budgets.endpoints ?? {})) };
    const fallback = new LocalRateLimit({
      globalPerSecond: budgets.globalPerSecond === undefined ? undefined : budgets.globalPerSecond * fallbackShare,
      endpointPerSecond: new Map(Object.entries(budgets.endpoints ?? {}).map(([endpoint, rate]) => [endpoint, rate * fallbackShare])),
    });
    const keys = redis.keysOf(account);
    return new RedisRateLimit(redis, (endpoint) => keys.rateBudget(endpoint), configured, fallback);
  };

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(replicas.map((redis) => redis.close()));
    await server.close();
  });

  it('holds two replicas together to one budget: no second carries more than its 20 calls', async () => {
    const [first, second] = [await connect(), await connect()];
    const account = newAccount();
    const budgets = [first, second].map((redis) => shared(redis, account, { endpoints: { [sessions]: 20 } }));
    // Each turn's start, counted from when it was asked for: a reply read late by a busy event loop does not move it.
    const startsAt = await Promise.all(
      Array.from({ length: 60 }, async (_, index) => {
        const askedAt = performance.now();
        const turn = await budgets[index % 2]!.nextTurn(sessions, 10_000);
        expect(turn.granted).toBe(true);
        return askedAt + turn.waitMs;
      }),
    );
    expect(busiestSecond(startsAt)).toBeLessThanOrEqual(20);
    // 60 calls at 20/s, one every 52.5 ms: the last goes about 3.1 s after the first.
    expect(Math.max(...startsAt) - Math.min(...startsAt)).toBeGreaterThan(2_500);
  });

  it('keeps each call to its endpoint budget and the global one together', async () => {
    const redis = await connect();
    const budgets = shared(redis, newAccount(), { globalPerSecond: 30, endpoints: { [sessions]: 20, [refunds]: 20 } });
    const startsAt: Record<string, number[]> = { [sessions]: [], [refunds]: [] };
    await Promise.all(
      Array.from({ length: 90 }, async (_, index) => {
        const endpoint = index % 3 === 0 ? refunds : sessions;
        const askedAt = performance.now();
        const turn = await budgets.nextTurn(endpoint, 20_000);
        startsAt[endpoint]!.push(askedAt + turn.waitMs);
      }),
    );
    expect(busiestSecond(startsAt[sessions]!)).toBeLessThanOrEqual(20);
    expect(busiestSecond(startsAt[refunds]!)).toBeLessThanOrEqual(20);
    expect(busiestSecond([...startsAt[sessions]!, ...startsAt[refunds]!])).toBeLessThanOrEqual(30);
  });

  it('refuses a turn later than the caller will wait, at once and reserving nothing', async () => {
    const budgets = shared(await connect(), newAccount(), { endpoints: { [sessions]: 10 } });
    const turns = [await budgets.nextTurn(sessions, 150), await budgets.nextTurn(sessions, 150), await budgets.nextTurn(sessions, 150)];
    expect(turns.map((turn) => turn.granted)).toEqual([true, true, false]);
    expect(turns[1]!.waitMs).toBeGreaterThan(80);
    expect(turns[2]!.waitMs).toBeGreaterThan(150);
    const afterRefusal = await budgets.nextTurn(sessions, 1_000);
    expect(afterRefusal.granted).toBe(true);
    expect(afterRefusal.waitMs).toBeLessThanOrEqual(turns[2]!.waitMs);
  });

  it('never lets two provider accounts on one Redis share a budget', async () => {
    const redis = await connect();
    const accountA = shared(redis, newAccount(), { globalPerSecond: 1 });
    const accountB = shared(redis, newAccount(), { globalPerSecond: 1 });
    expect((await accountA.nextTurn(sessions, 0)).granted).toBe(true);
    expect((await accountB.nextTurn(sessions, 0)).granted).toBe(true);
    expect((await accountA.nextTurn(sessions, 0)).granted).toBe(false);
  });

  it('slows every replica together when one of them draws a 429, and recovers for all', async () => {
    const account = newAccount();
    const replicaA = shared(await connect(), account, { globalPerSecond: 80, endpoints: { [sessions]: 20 } });
    const replicaB = shared(await connect(), account, { globalPerSecond: 80, endpoints: { [sessions]: 20 } });
    const queuedInB = await replicaB.nextTurn(sessions, 10_000);
    await replicaA.slowDown('endpoint', sessions);
    expect(replicaA.currentRates().get(sessions)).toBeLessThan(10.5);
    // B learns of it on its next turn: at 10/s, and the turn it had queued is taken again at that pace.
    const [first, second] = [await replicaB.nextTurn(sessions, 10_000), await replicaB.nextTurn(sessions, 10_000)];
    expect(replicaB.currentRates().get(sessions)).toBeLessThan(11);
    expect(replicaB.currentRates().get('global')).toBe(80);
    expect(queuedInB.overtaken()).toBe(true);
    expect(second.waitMs - first.waitMs).toBeGreaterThan(80);
    // Within the second after it, another replica's 429 answers a call sent at the old pace: no further slowdown.
    await replicaB.slowDown('endpoint', sessions);
    expect(replicaB.currentRates().get(sessions)).toBeGreaterThanOrEqual(10);
    // A tenth of the budget back each second: 20/s again five seconds after the slowdown.
    await expect.poll(() => replicaB.currentRates().get(sessions), { timeout: 10_000, interval: 250 }).toBe(20);
    expect((await replicaA.nextTurn(sessions, 10_000), replicaA.currentRates().get(sessions))).toBe(20);
  });

  it('paces at its local share of the budget while Redis is down, and shares again once it is back', async () => {
    const redis = await connect();
    const account = newAccount();
    const budgets = shared(redis, account, { endpoints: { [sessions]: 10 } }, 1 / 2);
    await server.kill();
    try {
      const waits = [];
      for (let call = 0; call < 3; call += 1) waits.push((await budgets.nextTurn(sessions, 10_000)).waitMs);
      // 5 per second, the local half of 10: one every 210 ms.
      expect(waits[0]).toBe(0);
      expect(waits[1]).toBeGreaterThan(190);
      expect(waits[2]).toBeGreaterThan(400);
    } finally {
      await server.start();
    }
    const other = shared(await connect(), account, { endpoints: { [sessions]: 10 } });
    for (const start = performance.now(); redis.state !== 'ok' && performance.now() - start < 5_000; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [mine, theirs] = [await budgets.nextTurn(sessions, 10_000), await other.nextTurn(sessions, 10_000)];
    expect(mine.waitMs).toBe(0);
    // One budget again: the other replica's turn comes a tenth of a second after this one's.
    expect(theirs.waitMs).toBeGreaterThan(50);
  });
});
