import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutSession } from '../../../src/model/checkout-session.js';
import { connectSharedRedis, type SharedRedis } from '../../../src/redis/shared-redis.js';
import { RedisReadLevel } from '../../../src/sessions/redis-read-level.js';
import { SessionNotFoundError } from '../../../src/errors.js';
import { noCheckoutSessionDetails } from '../../../src/model/checkout-session-details.js';
import { quietLogger } from '../../support/log-lines.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';

function session(id: string, amount: number): CheckoutSession {
  return {
    ...noCheckoutSessionDetails,
    id,
    provider: 'STRIPE',
    livemode: false,
    status: 'COMPLETE',
    paymentStatus: 'PAID',
    mode: 'PAYMENT',
    currency: 'USD',
    amountSubtotal: { amount, currency: 'USD', minorUnitDigits: 2 },
    amountTotal: { amount, currency: 'USD', minorUnitDigits: 2 },
    totalDetails: null,
    shippingCost: null,
    customer: { email: 'jenny.rosen@example.com', name: 'Jenny Rosen', firstName: null, lastName: null, phone: null, ipAddress: null, address: null },
    customerId: null,
    metadata: { order_id: '1001' },
    clientReferenceId: null,
    paymentIntentId: null,
    paymentMethodTypes: ['card'],
    locale: null,
    url: null,
    successUrl: null,
    cancelUrl: null,
    createdAt: new Date('2026-07-01T10:00:00.000Z'),
    expiresAt: null,
    fetchedAt: new Date('2026-01-02T03:04:05.000Z'),
    fees: [],
    refundSource: { kind: 'payment-intent' },
  };
}

/** Every session of these tests belongs to one account. */
const account = 'stripe:test:levelTestAccount';
const levelOn = (redis: SharedRedis) => new RedisReadLevel(redis, () => account, [account], quietLogger());

describe('the cache level and eviction bus on Redis', () => {
  let server: RedisServer;
  let redisA: SharedRedis;
  let redisB: SharedRedis;
  let replicaA: RedisReadLevel;
  let replicaB: RedisReadLevel;
  let inspector: Redis;
  const evictedAtB: string[] = [];
  let gapsAtB = 0;

  beforeAll(async () => {
    server = await startRedisServer();
    // A generous deadline: a busy test machine must not make these replicas skip Redis.
    const connect = () => connectSharedRedis({ url: server.url, keyPrefix: 'test:', logger: quietLogger(), timeoutMs: 1000, probeIntervalMs: 50 });
    [redisA, redisB] = [await connect(), await connect()];
    [replicaA, replicaB] = [levelOn(redisA), levelOn(redisB)];
    inspector = new Redis(server.url);
    replicaA.listen({ evicted: () => undefined, missedEvictions: () => undefined });
    replicaB.listen({ evicted: (id) => evictedAtB.push(id), missedEvictions: () => (gapsAtB += 1) });
    await delay(50);
  });
  afterAll(async () => {
    inspector?.disconnect();
    await Promise.all([redisA?.close(), redisB?.close()]);
    await server?.close();
  });

  it('gives one replica what another kept, dates as dates, with the time it has left', async () => {
    const look = await replicaA.look('session', 'cs_test_levelShared');
    expect(look?.kept).toBeUndefined();
    const answer = { outcome: { ok: true as const, value: session('cs_test_levelShared', 2198) }, expansions: [] };
    await replicaA.keep('session', 'cs_test_levelShared', answer, 60_000, lookGeneration(look));
    const found = await replicaB.look('session', 'cs_test_levelShared');
    expect(found?.kept).toEqual({ ...answer, ttlMs: expect.any(Number), copyForMs: expect.any(Number) });
    expect(found?.kept?.ttlMs).toBeGreaterThan(59_000);
  });

  it('keeps an answer past its age as a copy for the stale window: fresh time left at or below 0, the copy still there', async () => {
    const id = 'cs_test_levelStaleCopy';
    const look = await replicaA.look('session', id);
    const answer = { outcome: { ok: true as const, value: session(id, 1500) }, expansions: [] };
    await replicaA.keep('session', id, answer, 1, lookGeneration(look), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const found = await replicaB.look('session', id);
    expect(found?.kept?.outcome).toEqual(answer.outcome);
    expect(found?.kept?.ttlMs).toBeLessThanOrEqual(0);
    expect(found?.kept?.copyForMs).toBeGreaterThan(59_000);
    await replicaB.evictSession(id);
    expect((await replicaA.look('session', id))?.kept).toBeUndefined();
  });

  it('records the expansions an answer was fetched with, and a wider answer replaces the copy in the same key', async () => {
    const id = 'cs_test_levelExpanded';
    const look = await replicaA.look('session', id);
    await replicaA.keep('session', id, { outcome: { ok: true, value: session(id, 1000) }, expansions: [] }, 60_000, lookGeneration(look));
    expect((await replicaB.look('session', id))?.kept?.expansions).toEqual([]);
    const again = await replicaB.look('session', id);
    await replicaB.keep('session', id, { outcome: { ok: true, value: session(id, 1000) }, expansions: ['totalBreakdown'] }, 60_000, lookGeneration(again));
    expect((await replicaA.look('session', id))?.kept?.expansions).toEqual(['totalBreakdown']);
    expect(await inspector.keys(`test:v2:${account}:*:${id}`)).toEqual([`test:v2:${account}:session:${id}`]);
  });

  it('reads a value kept without a record of its expansions as one fetched with none, and leaves out expansions it does not know', async () => {
    const value = JSON.stringify(JSON.parse(JSON.stringify(session('cs_test_levelOlder', 1000))));
    await inspector.set(`test:v2:${account}:session:cs_test_levelOlder`, `{"ok":true,"value":${value}}`, 'PX', 60_000);
    expect((await replicaB.look('session', 'cs_test_levelOlder'))?.kept?.expansions).toEqual([]);
    await inspector.set(`test:v2:${account}:session:cs_test_levelNewer`, `{"ok":true,"value":${value.replace('cs_test_levelOlder', 'cs_test_levelNewer')},"expansions":["totalBreakdown","lineItemsFirstPage"]}`, 'PX', 60_000);
    expect((await replicaB.look('session', 'cs_test_levelNewer'))?.kept?.expansions).toEqual(['totalBreakdown']);
  });

  it('remembers that a session does not exist, as the not-found error', async () => {
    const look = await replicaA.look('session', 'cs_test_levelMissing');
    await replicaA.keep('session', 'cs_test_levelMissing', { outcome: { ok: false, error: new SessionNotFoundError('cs_test_levelMissing') }, expansions: [] }, 2_000, lookGeneration(look));
    const found = await replicaB.look('session', 'cs_test_levelMissing');
    expect(found?.kept?.outcome.ok).toBe(false);
    expect(found?.kept && !found.kept.outcome.ok ? found.kept.outcome.error : undefined).toBeInstanceOf(SessionNotFoundError);
  });

  it('keeps no answer fetched before another replica evicted the session, however late word of the eviction arrives', async () => {
    const id = 'cs_test_levelRacing';
    const before = await replicaA.look('session', id);
    await replicaB.evictSession(id);
    await replicaA.keep('session', id, { outcome: { ok: true, value: session(id, 1000) }, expansions: [] }, 60_000, lookGeneration(before));
    expect((await replicaB.look('session', id))?.kept).toBeUndefined();
  });

  it('tells every other replica about an eviction', async () => {
    await replicaA.evictSession('cs_test_levelBus');
    await expect.poll(() => evictedAtB, { timeout: 1_000, interval: 10 }).toContain('cs_test_levelBus');
  });

  it('tries an eviction even while its replica judges Redis degraded, so a brief stall does not delay it', async () => {
    const slowToRecover = await connectSharedRedis({ url: server.url, keyPrefix: 'test:', logger: quietLogger(), timeoutMs: 50, probeIntervalMs: 60_000 });
    try {
      const replicaC = levelOn(slowToRecover);
      server.pause();
      try {
        for (let attempt = 0; attempt < 3; attempt += 1) await replicaC.look('session', 'cs_test_levelStall');
        // Three looks left unanswered for half a second make the replica judge Redis degraded.
        await expect.poll(() => slowToRecover.state, { timeout: 2_000, interval: 20 }).toBe('degraded');
      } finally {
        server.resume();
      }
      expect(slowToRecover.state).toBe('degraded');
      expect(await replicaC.look('session', 'cs_test_levelStall')).toBeUndefined();
      await replicaC.evictSession('cs_test_levelStall');
      await expect.poll(() => evictedAtB, { timeout: 1_000, interval: 10 }).toContain('cs_test_levelStall');
    } finally {
      await slowToRecover.close();
    }
  });

  it('sends an eviction made while Redis was down once Redis is back, and other replicas hear of it or empty their cache', async () => {
    const id = 'cs_test_levelPending';
    await server.kill();
    await replicaA.evictSession(id);
    await server.start();
    const generation = async () => {
      const look = await replicaB.look('session', id);
      return look && look.kept === undefined ? look.generation : undefined;
    };
    await expect.poll(generation, { timeout: 5_000, interval: 20 }).toBe('1');
    await expect.poll(() => evictedAtB.includes(id) || gapsAtB > 0, { timeout: 5_000, interval: 20 }).toBe(true);
  });
});

function lookGeneration(look: Awaited<ReturnType<RedisReadLevel['look']>>): string {
  if (!look) throw new Error('expected Redis to answer with a generation');
  return look.generation;
}
