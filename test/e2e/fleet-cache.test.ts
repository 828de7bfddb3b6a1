import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '../../src/app.js';
import { convergeGateCompletedId } from '../../src/providers/convergegate/emulator/sessions.js';
import { stripeEverythingId } from '../../src/providers/stripe/emulator/full-session.js';
import { stripeFullyRefundedId } from '../../src/providers/stripe/emulator/sessions.js';
import { ProviderEmulator } from '../../src/emulator/server.js';
import { everyDetail } from '../support/every-detail.js';
import { postGraphQL, startSubgraphFor } from '../support/harness.js';
import { scrape } from '../support/prometheus-text.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { deliverStripeSessionEvent } from '../support/webhook-signing.js';

const stripeWebhookSecret = 'whsec_fleetEndpoint42';
const convergeGateWebhookSecret = 'sk_test_fleetConvergeGateWebhook42';
const sessionPath = (id: string) => `/v1/checkout/sessions/${id}`;
const amountQuery = `query ($id: ID!) { checkoutSession(id: $id) { id status amountTotal { amount } } }`;
const wholeSessionQuery = `query ($id: ID!) {
  checkoutSession(id: $id) {
    id provider status paymentStatus mode currency livemode metadata createdAt expiresAt url
    amountTotal { amount currency decimal } amountSubtotal { amount }
    customer { email name firstName lastName phone address { city country } }
    order { id }
    fees { type description amount { amount decimal } }
    settlement { amount { amount currency } fee { amount } net { amount decimal } availableOn }
    refunds { id amount { amount decimal } status reason createdAt }
    amountRefunded { amount } refunded
    ${everyDetail}
  }
}`;

/** Where docs/replicas.md says an account's keys are: `<prefix>v2:<provider>:<mode>:<32 hex of the key's SHA-256>:`. */
function accountKeys(provider: 'stripe' | 'convergegate', secretKey: string): string {
  return `payments-subgraph:v2:${provider}:test:${createHash('sha256').update(secretKey).digest('hex').slice(0, 32)}:`;
}

function completedSession(id: string, amountTotal: number) {
  return { id, object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: amountTotal, currency: 'usd' };
}

describe('replicas sharing one Redis', () => {
  let redisServer: RedisServer;
  let emulator: ProviderEmulator;
  let replicaA: RunningSubgraph;
  let replicaB: RunningSubgraph;
  let inspector: Redis;
  const startReplica = () =>
    startSubgraphFor(emulator, {
      CACHE: 'on',
      REDIS_URL: redisServer.url,
      // These tests are about what replicas share; a busy test machine can hold Redis's answers past the 50 ms default.
      REDIS_TIMEOUT_MS: '1000',
      STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
      CONVERGEGATE_WEBHOOK_SECRET: convergeGateWebhookSecret,
    });
  const read = (replica: RunningSubgraph, id: string, query = amountQuery) => postGraphQL(`${replica.url}/graphql`, { query, variables: { id } });
  const amountAt = async (replica: RunningSubgraph, id: string) => (await read(replica, id)).data?.checkoutSession?.amountTotal?.amount;
  const deliverStripeEvent = async (replica: RunningSubgraph, id: string, amountTotal: number) =>
    expect(await deliverStripeSessionEvent(replica.url, stripeWebhookSecret, completedSession(id, amountTotal))).toBe(200);

  beforeAll(async () => {
    redisServer = await startRedisServer();
    emulator = await ProviderEmulator.start({ stripeRateLimits: 'lifted' });
    [replicaA, replicaB] = await Promise.all([startReplica(), startReplica()]);
    inspector = new Redis(redisServer.url);
  });
  afterAll(async () => {
    inspector?.disconnect();
    await Promise.all([replicaA?.close(), replicaB?.close()]);
    await emulator?.close();
    await redisServer?.close();
  });
  beforeEach(() => {
    emulator.resetCalls();
    emulator.clearFaults();
  });

  it('serves a session read through replica A from replica B with no provider call', async () => {
    const id = 'cs_test_fleetSharedRead000001';
    emulator.putStripeSession(completedSession(id, 4200));
    expect(await amountAt(replicaA, id)).toBe(4200);
    expect(await amountAt(replicaB, id)).toBe(4200);
    expect(emulator.countCalls(sessionPath(id))).toBe(1);
  });

  it('counts on /metrics where each read was answered: a miss at both levels in A, a Redis hit in B', async () => {
    const id = 'cs_test_fleetMetricsLevels01';
    emulator.putStripeSession(completedSession(id, 1300));
    const [beforeA, beforeB] = await Promise.all([scrape(replicaA.metricsUrl), scrape(replicaB.metricsUrl)]);
    await amountAt(replicaA, id);
    await amountAt(replicaB, id);
    const [afterA, afterB] = await Promise.all([scrape(replicaA.metricsUrl), scrape(replicaB.metricsUrl)]);
    const moved = (after: typeof afterA, before: typeof beforeA, family: string, level: string) =>
      after.since(before, `payments_subgraph_cache_${family}_total`, { level });
    expect({
      processMissesA: moved(afterA, beforeA, 'misses', 'process'),
      redisMissesA: moved(afterA, beforeA, 'misses', 'redis'),
      processMissesB: moved(afterB, beforeB, 'misses', 'process'),
      redisHitsB: moved(afterB, beforeB, 'hits', 'redis'),
    }).toEqual({ processMissesA: 1, redisMissesA: 1, processMissesB: 1, redisHitsB: 1 });
    expect(emulator.countCalls(sessionPath(id))).toBe(1);
  });

  it('gives replica B the very same Stripe session, refunds and line items replica A read, every detail and date included', async () => {
    for (const id of [stripeEverythingId, stripeFullyRefundedId]) {
      const throughA = await read(replicaA, id, wholeSessionQuery);
      const throughB = await read(replicaB, id, wholeSessionQuery);
      expect(throughA.errors).toBeUndefined();
      // Each has fees and refunds to share, the subscription's read through its invoice.
      expect(throughA.data?.checkoutSession).toMatchObject({ fees: [expect.anything()], refunds: expect.arrayContaining([expect.anything()]) });
      expect(throughB.data).toEqual(throughA.data);
    }
    const lineItemsQuery = `query ($id: ID!) { checkoutSession(id: $id) {
      lineItems { id description quantity amountTotal { amount } unitAmount { amount } productName taxes { amount { amount } } discounts { couponId } }
    } }`;
    const lineItemsA = await read(replicaA, stripeEverythingId, lineItemsQuery);
    const lineItemsB = await read(replicaB, stripeEverythingId, lineItemsQuery);
    expect(lineItemsA.data?.checkoutSession).toMatchObject({ lineItems: [{ productName: 'Coffee subscription, monthly', discounts: [{ couponId: 'SPRING10' }] }, {}] });
    expect(lineItemsB.data).toEqual(lineItemsA.data);
    const sessionCalls = (id: string) => emulator.calls.filter((call) => call.path.split('?')[0] === sessionPath(id)).length;
    expect(sessionCalls(stripeEverythingId)).toBe(1);
    expect(sessionCalls(stripeFullyRefundedId)).toBe(1);
    // The subscription's refunds and fees through its invoice's one payment; the other session's refunds by its payment intent.
    expect(emulator.countCalls('/v1/invoice_payments')).toBe(1);
    expect(emulator.countCalls('/v1/payment_intents/')).toBe(1);
    expect(emulator.countCalls('/v1/refunds')).toBe(2);
    expect(emulator.countCalls(`${sessionPath(stripeEverythingId)}/line_items`)).toBe(1);
  });

  it("answers a replica needing the breakdown only from a copy in Redis fetched with it: the first one lacking it is refetched with it and replaced", async () => {
    const id = 'cs_test_fleetExpansions00001';
    emulator.putStripeSession({
      ...completedSession(id, 1190),
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 190, breakdown: { discounts: [], taxes: [{ amount: 190, rate: { id: 'txr_1', percentage: 19 } }] } },
    });
    const breakdownQuery = `query ($id: ID!) { checkoutSession(id: $id) { totalDetails { breakdown { taxes { amount { amount } rate { percentage } } } } } }`;
    const expected = { totalDetails: { breakdown: { taxes: [{ amount: { amount: 190 }, rate: { percentage: 19 } }] } } };

    expect(await amountAt(replicaA, id)).toBe(1190);
    expect((await read(replicaB, id, breakdownQuery)).data?.checkoutSession).toEqual(expected);
    // A's own copy lacks the breakdown too; Redis now holds B's, which has it.
    expect((await read(replicaA, id, breakdownQuery)).data?.checkoutSession).toEqual(expected);
    expect(await amountAt(replicaB, id)).toBe(1190);
    expect(emulator.calls.map((call) => call.path)).toEqual([sessionPath(id), `${sessionPath(id)}?expand%5B%5D=total_details.breakdown`]);
    expect(JSON.parse((await inspector.get(`${accountKeys('stripe', emulator.stripeSecretKey)}session:${id}`)) ?? '{}')).toMatchObject({ expansions: ['totalBreakdown'] });
  });

  it('gives replica B the Converge Gate session with its refunds and fees that replica A read', async () => {
    const throughA = await read(replicaA, convergeGateCompletedId, wholeSessionQuery);
    const throughB = await read(replicaB, convergeGateCompletedId, wholeSessionQuery);
    expect(throughA.data?.checkoutSession).toMatchObject({ provider: 'CONVERGE_GATE', amountRefunded: { amount: 2500 } });
    expect(throughB.data).toEqual(throughA.data);
    expect(emulator.countCalls(`/convergegate${sessionPath(convergeGateCompletedId)}`)).toBe(1);
  });

  it('makes replica B fetch fresh within a second after a webhook delivered to replica A', async () => {
    const id = 'cs_test_fleetWebhook00000001';
    emulator.putStripeSession(completedSession(id, 1000));
    expect(await amountAt(replicaA, id)).toBe(1000);
    expect(await amountAt(replicaB, id)).toBe(1000);
    emulator.putStripeSession(completedSession(id, 2500));
    expect(await amountAt(replicaB, id)).toBe(1000);

    await deliverStripeEvent(replicaA, id, 2500);
    await expect.poll(() => amountAt(replicaB, id), { timeout: 1000, interval: 20 }).toBe(2500);
    expect(await amountAt(replicaA, id)).toBe(2500);
    expect(emulator.countCalls(sessionPath(id))).toBe(2);
  });

  it('keeps an answer that replica B fetched before a webhook reached replica A out of A, B and Redis', async () => {
    const id = 'cs_test_fleetRacingCall00001';
    emulator.putStripeSession(completedSession(id, 1000));
    emulator.injectFault(id, { kind: 'delay', ms: 400 }, { times: 1 });
    const slowReadAtB = read(replicaB, id);
    await delay(100);
    emulator.putStripeSession(completedSession(id, 2500));
    await deliverStripeEvent(replicaA, id, 2500);
    expect((await slowReadAtB).data?.checkoutSession?.amountTotal?.amount).toBe(1000);

    const freshReplica = await startReplica();
    try {
      expect(await amountAt(freshReplica, id)).toBe(2500);
    } finally {
      await freshReplica.close();
    }
    expect(await amountAt(replicaB, id)).toBe(2500);
    expect(await amountAt(replicaA, id)).toBe(2500);
  });

  it('drops a value in Redis that does not parse and fetches the session again', async () => {
    const id = 'cs_test_fleetCorruptValue001';
    emulator.putStripeSession(completedSession(id, 3100));
    await inspector.set(`${accountKeys('stripe', emulator.stripeSecretKey)}session:${id}`, JSON.stringify({ ok: true, value: { id, amountTotal: 'lots' } }), 'PX', 60_000);
    expect(await amountAt(replicaA, id)).toBe(3100);
    expect(emulator.countCalls(sessionPath(id))).toBe(1);
    expect(await amountAt(replicaB, id)).toBe(3100);
    expect(emulator.countCalls(sessionPath(id))).toBe(1);
  });

  it('writes no provider key and no webhook secret to Redis, only the keys under its prefix', async () => {
    await read(replicaA, stripeEverythingId, wholeSessionQuery);
    await read(replicaA, convergeGateCompletedId, wholeSessionQuery);
    await deliverStripeEvent(replicaA, 'cs_test_fleetSecretsCheck001', 100);
    const keys = await inspector.keys('*');
    expect(keys).toContain(`${accountKeys('stripe', emulator.stripeSecretKey)}session:${stripeEverythingId}`);
    expect(keys).toContain(`${accountKeys('convergegate', emulator.convergeGateSecretKey)}session:${convergeGateCompletedId}`);
    const valueOf = async (key: string) => {
      const type = await inspector.type(key);
      if (type === 'hash') return JSON.stringify(await inspector.hgetall(key));
      if (type === 'zset') return (await inspector.zrange(key, '0', '-1')).join(' ');
      return (await inspector.get(key)) ?? '';
    };
    const values = await Promise.all(keys.map(async (key) => `${key} ${await valueOf(key)}`));
    const everything = values.join('\n');
    for (const secret of [emulator.stripeSecretKey, emulator.convergeGateSecretKey, stripeWebhookSecret, convergeGateWebhookSecret]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain('_secret_');
    for (const key of keys) expect(key.startsWith('payments-subgraph:')).toBe(true);
  });
});

describe('replicas with CACHE=off sharing one Redis', () => {
  let redisServer: RedisServer;
  let emulator: ProviderEmulator;
  let replicas: RunningSubgraph[] = [];
  let inspector: Redis;

  beforeAll(async () => {
    redisServer = await startRedisServer();
    emulator = await ProviderEmulator.start({ stripeRateLimits: 'lifted' });
    const environment = { CACHE: 'off', REDIS_URL: redisServer.url, REDIS_TIMEOUT_MS: '1000', PROVIDER_RATE_LIMIT: '50' };
    replicas = await Promise.all([startSubgraphFor(emulator, environment), startSubgraphFor(emulator, environment)]);
    inspector = new Redis(redisServer.url);
  });
  afterAll(async () => {
    inspector?.disconnect();
    await Promise.all(replicas.map((replica) => replica.close()));
    await emulator?.close();
    await redisServer?.close();
  });

  it('keeps no session in either level, so every read asks the provider, while the rate budget still lives in Redis', async () => {
    const id = 'cs_test_fleetCacheOff0000001';
    emulator.putStripeSession(completedSession(id, 4200));
    for (const replica of replicas) {
      const answer = await postGraphQL(`${replica.url}/graphql`, { query: amountQuery, variables: { id } });
      expect(answer.data?.checkoutSession?.amountTotal?.amount).toBe(4200);
    }
    expect(emulator.countCalls(sessionPath(id))).toBe(2);
    expect(await inspector.keys('payments-subgraph:*session:*')).toEqual([]);
    // PROVIDER_RATE_LIMIT=50 keeps one budget, the endpoint's: one key for the account's endpoint.
    expect(await inspector.keys(`${accountKeys('stripe', emulator.stripeSecretKey)}rate*`)).toHaveLength(1);
  });
});
