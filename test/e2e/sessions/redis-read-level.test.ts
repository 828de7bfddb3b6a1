import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutSession } from '../../../src/model/checkout-session.js';
import { connectSharedRedis, type SharedRedis } from '../../../src/redis/shared-redis.js';
import { ProviderReadCache } from '../../../src/sessions/provider-read-cache.js';
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
    feesAndSettlement: { fees: [], settlement: null, pending: false },
    paymentSource: { kind: 'payment-intent' },
  };
}

/** Every session of these tests belongs to one account. */
const account = 'stripe:test:levelTestAccount';
const levelOn = (redis: SharedRedis, refreshLeaseMs = 5_000) => new RedisReadLevel(redis, () => account, [account], quietLogger(), refreshLeaseMs);

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
    // One value, beside the refresh lease its fresh answer holds.
    expect((await inspector.keys(`test:v2:${account}:*:${id}`)).sort()).toEqual([
      `test:v2:${account}:refresh:session:${id}`,
      `test:v2:${account}:session:${id}`,
    ]);
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

describe('one refresh of a read for every replica, through its lease in Redis', () => {
  let server: RedisServer;
  let redisA: SharedRedis;
  let redisB: SharedRedis;
  let inspector: Redis;
  const leaseKey = (id: string) => `test:v2:${account}:refresh:session:${id}`;
  const readsOn = (redis: SharedRedis, refreshLeaseMs = 5_000) =>
    new ProviderReadCache({
      enabled: true,
      maxEntries: 100,
      maxBytes: 1_000_000,
      shared: levelOn(redis, refreshLeaseMs),
      staleWindowMs: 60_000,
      staleAnswerAfterMs: 50,
    });
  /** A provider: each call counted, answering the session with the amount it is set to now, after `latencyMs`. */
  const provider = (id: string, latencyMs = 0) => {
    const state = { calls: 0, amount: 1000 };
    const fetch = async () => {
      state.calls += 1;
      const amount = state.amount;
      await delay(latencyMs);
      return session(id, amount);
    };
    return Object.assign(state, { fetch });
  };
  const amountOf = async (read: Promise<CheckoutSession>) => (await read).amountTotal?.amount;
  const openAge = () => 2_000;

  beforeAll(async () => {
    server = await startRedisServer();
    const connect = () => connectSharedRedis({ url: server.url, keyPrefix: 'test:', logger: quietLogger(), timeoutMs: 1000, probeIntervalMs: 50 });
    [redisA, redisB] = [await connect(), await connect()];
    inspector = new Redis(server.url);
  });
  afterAll(async () => {
    inspector?.disconnect();
    await Promise.all([redisA?.close(), redisB?.close()]);
    await server?.close();
  });

  it('gives the lease of a read that is not fresh to one replica at a time, then to the answer it keeps, for its age', async () => {
    const id = 'cs_test_leaseOneAtATime';
    const [levelA, levelB] = [levelOn(redisA), levelOn(redisB)];
    const first = await levelA.look('session', id);
    expect(first?.lease).toEqual(expect.any(String));
    expect((await levelB.look('session', id))?.lease).toBeUndefined();
    await levelA.keep('session', id, { outcome: { ok: true, value: session(id, 1000) }, expansions: [] }, 200, lookGeneration(first), 60_000, first?.lease);
    expect((await levelB.look('session', id))?.lease).toBeUndefined();
    await delay(250);
    const pastItsAge = await levelB.look('session', id);
    expect(pastItsAge?.kept?.ttlMs).toBeLessThanOrEqual(0);
    expect(pastItsAge?.lease).toEqual(expect.any(String));
  });

  it('frees the lease when its replica keeps nothing, and when a webhook evicts the session', async () => {
    const id = 'cs_test_leaseFreed';
    const [levelA, levelB] = [levelOn(redisA), levelOn(redisB)];
    const first = await levelA.look('session', id);
    await levelA.releaseLease('session', id, first!.lease!);
    const second = await levelB.look('session', id);
    expect(second?.lease).toEqual(expect.any(String));
    await levelA.evictSession(id);
    expect((await levelA.look('session', id))?.lease).toEqual(expect.any(String));
    // The lease taken before the eviction is no longer its holder's: keeping its answer, refused, frees nothing.
    await levelB.keep('session', id, { outcome: { ok: true, value: session(id, 1000) }, expansions: [] }, 60_000, lookGeneration(second), 60_000, second?.lease);
    expect(await inspector.exists(`test:v2:${account}:session:${id}`)).toBe(0);
    expect(await inspector.exists(leaseKey(id))).toBe(1);
  });

  it('refreshes a read two replicas need at once with one provider call, both answered with it', async () => {
    const id = 'cs_test_leaseOneCall';
    const source = provider(id, 100);
    const [readsA, readsB] = [readsOn(redisA), readsOn(redisB)];
    const answers = await Promise.all([amountOf(readsA.read('session', id, source.fetch, openAge)), amountOf(readsB.read('session', id, source.fetch, openAge))]);
    expect(answers).toEqual([1000, 1000]);
    expect(source.calls).toBe(1);
  });

  it('waits out another replica\'s refresh of a second with a few looks in Redis, not one every 20 ms, and is answered with its answer', async () => {
    const id = 'cs_test_leaseLongRefresh';
    const holder = levelOn(redisA);
    const taken = await holder.look('session', id);
    expect(taken?.lease).toEqual(expect.any(String));
    const waiting = levelOn(redisB);
    let looks = 0;
    const look = waiting.look.bind(waiting);
    waiting.look = (...args) => {
      looks += 1;
      return look(...args);
    };
    const reads = new ProviderReadCache({ enabled: true, maxEntries: 100, maxBytes: 1_000_000, shared: waiting, staleWindowMs: 60_000, staleAnswerAfterMs: 50 });
    const source = provider(id);
    const answer = amountOf(reads.read('session', id, source.fetch, openAge));
    // The holder's call waits its turn for a second before it keeps its answer.
    await delay(1_000);
    await holder.keep('session', id, { outcome: { ok: true, value: session(id, 2500) }, expansions: [] }, 60_000, lookGeneration(taken), 60_000, taken?.lease);
    expect(await answer).toBe(2500);
    expect(source.calls).toBe(0);
    expect(looks).toBeLessThanOrEqual(12);
  });

  it('answers a replica that lost the lease from its copy, and fetches there once the lease of a replica that crashed runs out', async () => {
    const id = 'cs_test_leaseCrashed';
    const crashed = levelOn(redisA, 1_000);
    const before = await crashed.look('session', id);
    await crashed.keep('session', id, { outcome: { ok: true, value: session(id, 1000) }, expansions: [] }, 1, lookGeneration(before), 60_000, before?.lease);
    await delay(10);
    // The replica takes the lease of the answer past its age, and is gone before it fetches.
    expect((await crashed.look('session', id))?.lease).toEqual(expect.any(String));
    const source = provider(id);
    source.amount = 2500;
    const reads = readsOn(redisB, 1_000);
    expect(await amountOf(reads.read('session', id, source.fetch, openAge))).toBe(1000);
    expect(source.calls).toBe(0);
    await expect.poll(() => source.calls, { timeout: 5_000, interval: 20 }).toBe(1);
    await expect.poll(() => amountOf(reads.read('session', id, source.fetch, openAge)), { timeout: 1_000, interval: 20 }).toBe(2500);
    expect(source.calls).toBe(1);
  });

  it('fetches at once after a webhook, not waiting for a refresh that began before it, and keeps only the new answer', async () => {
    const id = 'cs_test_leaseWebhook';
    const beforeChange = provider(id, 400);
    const afterChange = provider(id);
    afterChange.amount = 4200;
    const [readsA, readsB] = [readsOn(redisA), readsOn(redisB)];
    const refreshBefore = amountOf(readsA.read('session', id, beforeChange.fetch, openAge));
    await expect.poll(() => beforeChange.calls, { timeout: 1_000, interval: 5 }).toBe(1);
    await readsB.evictSession(id);
    expect(await amountOf(readsB.read('session', id, afterChange.fetch, openAge))).toBe(4200);
    expect(await refreshBefore).toBe(1000);
    expect(await amountOf(readsOn(redisA).read('session', id, beforeChange.fetch, openAge))).toBe(4200);
    expect([beforeChange.calls, afterChange.calls]).toEqual([1, 1]);
  });

  it('fetches at once when the lease is held by a fresh answer that cannot be read, rather than wait for a refresh nobody makes', async () => {
    const id = 'cs_test_leaseUnreadable';
    await inspector.set(`test:v2:${account}:session:${id}`, '{"ok":true,"value":{"id":"not a session"}}', 'PX', 60_000);
    await inspector.set(leaseKey(id), 'fresh', 'PX', 60_000);
    const source = provider(id);
    const read = amountOf(readsOn(redisB, 60_000).read('session', id, source.fetch, openAge));
    expect(await Promise.race([read, delay(5_000).then(() => 'still waiting')])).toBe(1000);
    expect(source.calls).toBe(1);
  });

  it('fetches in each replica while Redis does not answer, and frees the lease its late look took once Redis answers again', async () => {
    const id = 'cs_test_leaseRedisStalled';
    const quick = await connectSharedRedis({ url: server.url, keyPrefix: 'test:', logger: quietLogger(), timeoutMs: 50, probeIntervalMs: 60_000 });
    try {
      const source = provider(id);
      server.pause();
      try {
        expect(await Promise.all([amountOf(readsOn(quick).read('session', id, source.fetch, openAge)), amountOf(readsOn(quick).read('session', id, source.fetch, openAge))])).toEqual([1000, 1000]);
        expect(source.calls).toBe(2);
      } finally {
        server.resume();
      }
      await expect.poll(() => inspector.exists(leaseKey(id)), { timeout: 2_000, interval: 20 }).toBe(0);
    } finally {
      await quick.close();
    }
  });
});

function lookGeneration(look: Awaited<ReturnType<RedisReadLevel['look']>>): string {
  if (!look) throw new Error('expected Redis to answer with a generation');
  return look.generation;
}
