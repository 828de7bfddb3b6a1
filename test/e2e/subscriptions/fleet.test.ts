import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '../../../src/app.js';
import { ProviderEmulator } from '../../../src/emulator/server.js';
import { startSubgraphFor, useHarness } from '../../support/harness.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { subscribeOverSse, subscribeOverWebSocket, type SubscriptionRecord } from '../../support/subscription-clients.js';
import { deliverStripeSessionEvent } from '../../support/webhook-signing.js';

const stripeWebhookSecret = 'whsec_subscriptionsFleet42';
const updatesQuery = `subscription ($id: ID!) { checkoutSessionUpdated(id: $id) { id status paymentStatus } }`;
const sessionPath = (id: string) => `/v1/checkout/sessions/${id}`;

function openSession(id: string) {
  return { id, object: 'checkout.session', status: 'open', payment_status: 'unpaid', amount_total: 1800, currency: 'eur' };
}

const statuses = (updates: SubscriptionRecord) => updates.events.map((event) => event.data?.checkoutSessionUpdated?.status);

describe('subscriptions across replicas sharing one Redis', () => {
  let redisServer: RedisServer;
  let emulator: ProviderEmulator;
  let replicas: RunningSubgraph[] = [];
  const startReplica = (environment: Record<string, string>) =>
    startSubgraphFor(emulator, { REDIS_URL: redisServer.url, REDIS_TIMEOUT_MS: '1000', ...environment });

  beforeAll(async () => {
    redisServer = await startRedisServer();
    emulator = await ProviderEmulator.start({ stripeRateLimits: 'lifted' });
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await emulator?.close();
    await redisServer?.close();
  });

  it('delivers a webhook received by replica A to subscribers on A and on B, reading the session once', async () => {
    replicas = await Promise.all([0, 1].map(() => startReplica({ CACHE: 'on', STRIPE_WEBHOOK_SECRET: stripeWebhookSecret })));
    const [replicaA, replicaB] = replicas as [RunningSubgraph, RunningSubgraph];
    const id = 'cs_test_fleetSubscribedSession0000000000000000000000000001';
    emulator.putStripeSession(openSession(id));
    const onB = subscribeOverSse(`${replicaB.url}/graphql`, { query: updatesQuery, variables: { id } });
    const onA = subscribeOverWebSocket(`${replicaA.url}/graphql`, { query: updatesQuery, variables: { id } });
    await Promise.all([onA.eventsAtLeast(1), onB.eventsAtLeast(1)]);
    const callsBefore = emulator.countCalls(sessionPath(id));

    const paid = { ...openSession(id), status: 'complete', payment_status: 'paid' };
    emulator.putStripeSession(paid);
    expect(await deliverStripeSessionEvent(replicaA.url, stripeWebhookSecret, paid)).toBe(200);
    await Promise.all([onA.ended, onB.ended]);
    expect(statuses(onB)).toEqual(['OPEN', 'COMPLETE']);
    expect(statuses(onA)).toEqual(['OPEN', 'COMPLETE']);
    expect(emulator.countCalls(sessionPath(id)) - callsBefore).toBe(1);
    await Promise.all(replicas.map((replica) => replica.close()));
    replicas = [];
  });

  it('polls each of 50 sessions watched by 1,000 subscribers on two replicas at most once per interval, 2 s then 4 s and 8 s apart', { timeout: 90_000 }, async () => {
    replicas = await Promise.all([0, 1].map(() => startReplica({ CACHE: 'off' })));
    const ids = Array.from({ length: 50 }, (_, index) => `cs_test_fleetPolled${String(index).padStart(2, '0')}${'0'.repeat(36)}`);
    for (const id of ids) emulator.putStripeSession(openSession(id));
    const subscribers: SubscriptionRecord[] = [];
    for (let index = 0; index < 1_000; index += 1) {
      const replica = replicas[index % 2]!;
      subscribers.push(subscribeOverSse(`${replica.url}/graphql`, { query: updatesQuery, variables: { id: ids[index % ids.length]! } }));
    }
    await Promise.all(subscribers.map((updates) => updates.eventsAtLeast(1)));
    emulator.resetCalls();

    const pollTimes = (id: string) => emulator.calls.filter((call) => call.path.split('?')[0] === sessionPath(id)).map((call) => call.at);
    await expect.poll(() => Math.min(...ids.map((id) => pollTimes(id).length)), { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(2);
    const gaps = ids.flatMap((id) => {
      const times = pollTimes(id);
      return times.slice(1).map((time, index) => time - times[index]!);
    });
    // After the first poll (2 s after the first subscriber) the gaps are 4 s, then 8 s: one replica polls each time, for all subscribers.
    expect(Math.min(...gaps)).toBeGreaterThan(3_500);
    expect(subscribers.every((updates) => updates.events.length === 1 && !updates.completed)).toBe(true);
    for (const updates of subscribers) updates.unsubscribe();
  });
});

describe('with no webhook secret', () => {
  const harness = useHarness({ CACHE: 'on' });

  it('finds the change by polling, and completes', async () => {
    const id = 'cs_test_polledWithoutWebhooks000000000000000000000000000001';
    harness.emulator.putStripeSession(openSession(id));
    const updates = subscribeOverSse(harness.graphqlUrl, { query: updatesQuery, variables: { id } });
    await updates.eventsAtLeast(1);
    harness.emulator.putStripeSession({ ...openSession(id), status: 'complete', payment_status: 'paid' });
    await updates.ended;
    expect(statuses(updates)).toEqual(['OPEN', 'COMPLETE']);
  });
});
