import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '../../src/app.js';
import { ProviderEmulator } from '../../src/emulator/server.js';
import { postGraphQL, startSubgraphFor } from '../support/harness.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { newStripeEventId, nowInSeconds, stripeSignatureHeader } from '../support/webhook-signing.js';

const webhookSecret = 'whsec_fleetWebhooks42';
const amountQuery = `query ($id: ID!) { checkoutSession(id: $id) { id amountTotal { amount } } }`;
const sessionPath = (id: string) => `/v1/checkout/sessions/${id}`;

function completedSession(id: string, amountTotal: number) {
  return { id, object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: amountTotal, currency: 'usd' };
}

/** One signed delivery of a new event, to post as often as a replay would. */
function signedStripeEvent(session: Record<string, unknown>): { body: string; signature: string } {
  const body = JSON.stringify({ id: newStripeEventId(), object: 'event', type: 'checkout.session.completed', created: nowInSeconds(), data: { object: session } });
  return { body, signature: stripeSignatureHeader(webhookSecret, body, nowInSeconds()) };
}

describe('webhooks to replicas sharing one Redis', () => {
  let redisServer: RedisServer;
  let emulator: ProviderEmulator;
  let replicaA: RunningSubgraph;
  let replicaB: RunningSubgraph;
  const amountAt = async (replica: RunningSubgraph, id: string) =>
    (await postGraphQL(`${replica.url}/graphql`, { query: amountQuery, variables: { id } })).data?.checkoutSession?.amountTotal?.amount;
  const deliver = async (replica: RunningSubgraph, { body, signature }: { body: string; signature: string }) => {
    const response = await request(`${replica.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body,
    });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown>, retryAfter: response.headers['retry-after'] };
  };
  const redisStateAt = async (replica: RunningSubgraph) => {
    const response = await request(`${replica.url}/ready`);
    return ((await response.body.json()) as { redis?: string }).redis;
  };

  beforeAll(async () => {
    redisServer = await startRedisServer();
    emulator = await ProviderEmulator.start();
    const environment = { CACHE: 'on', REDIS_URL: redisServer.url, REDIS_TIMEOUT_MS: '1000', STRIPE_WEBHOOK_SECRET: webhookSecret };
    [replicaA, replicaB] = await Promise.all([startSubgraphFor(emulator, environment), startSubgraphFor(emulator, environment)]);
  });
  afterAll(async () => {
    await Promise.all([replicaA?.close(), replicaB?.close()]);
    await emulator?.close();
    await redisServer?.close();
  });
  beforeEach(() => emulator.resetCalls());

  it('remembers a delivered event fleet-wide: replayed to another replica, it evicts nothing and costs no provider call', async () => {
    const id = 'cs_test_fleetWebhookReplay001';
    emulator.putStripeSession(completedSession(id, 1000));
    await amountAt(replicaA, id);
    await amountAt(replicaB, id);
    emulator.putStripeSession(completedSession(id, 2000));
    const event = signedStripeEvent(completedSession(id, 2000));
    expect((await deliver(replicaA, event)).status).toBe(200);
    await expect.poll(() => amountAt(replicaB, id)).toBe(2000);
    expect(await amountAt(replicaA, id)).toBe(2000);
    const callsAfterEvent = emulator.countCalls(sessionPath(id));

    emulator.putStripeSession(completedSession(id, 3000));
    for (const replica of [replicaB, replicaA, replicaB]) expect(await deliver(replica, event)).toMatchObject({ status: 200, body: { received: true } });
    // A later event, delivered to A, is the marker that any eviction B sent has arrived.
    const marker = 'cs_test_fleetWebhookMarker01';
    emulator.putStripeSession(completedSession(marker, 10));
    await amountAt(replicaA, marker);
    emulator.putStripeSession(completedSession(marker, 20));
    expect((await deliver(replicaB, signedStripeEvent(completedSession(marker, 20)))).status).toBe(200);
    await expect.poll(() => amountAt(replicaA, marker)).toBe(20);

    expect(await amountAt(replicaA, id)).toBe(2000);
    expect(await amountAt(replicaB, id)).toBe(2000);
    expect(emulator.countCalls(sessionPath(id))).toBe(callsAfterEvent);
  });

  it('answers 503 while Redis is unreachable, and handles the provider’s retry once it is back', async () => {
    const id = 'cs_test_fleetWebhookOutage01';
    emulator.putStripeSession(completedSession(id, 1000));
    expect(await amountAt(replicaA, id)).toBe(1000);
    const event = signedStripeEvent(completedSession(id, 2000));

    await redisServer.kill();
    try {
      const refused = await deliver(replicaA, event);
      expect(refused.status).toBe(503);
      expect(String(refused.body.error)).toMatch(/deliver the event again later/);
    } finally {
      await redisServer.start();
    }
    await expect.poll(() => redisStateAt(replicaA), { timeout: 10_000 }).toBe('ok');
    await expect.poll(() => redisStateAt(replicaB), { timeout: 10_000 }).toBe('ok');

    // Both replicas have the session again, as it was before the event's change reached the provider.
    expect(await amountAt(replicaB, id)).toBe(1000);
    expect(await amountAt(replicaA, id)).toBe(1000);
    emulator.putStripeSession(completedSession(id, 2000));
    expect((await deliver(replicaA, event)).status).toBe(200);
    await expect.poll(() => amountAt(replicaB, id)).toBe(2000);
    expect(await amountAt(replicaA, id)).toBe(2000);
  });
});
