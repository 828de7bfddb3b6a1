import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '../../src/app.js';
import { ProviderEmulator } from '../../src/emulator/server.js';
import { postGraphQL, startHarness, startSubgraphFor, type GraphQLResult, type Harness } from '../support/harness.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { deliverStripeSessionEvent } from '../support/webhook-signing.js';
import { callsFor } from '../support/open-sessions.js';

const webhookSecret = 'whsec_answersFromCopy42';
/** A budget small enough that a handful of first asks fills seconds of turns. */
const slowPacing = {
  PROVIDER_RATE_LIMIT: '2',
  PROVIDER_GLOBAL_RATE_LIMIT: '2',
  PROVIDER_QUEUE_TIMEOUT_MS: '20000',
  CACHE: 'on',
  CACHE_OPEN_TTL_MS: '200',
  STRIPE_WEBHOOK_SECRET: webhookSecret,
};
const sessionQuery = `query ($id: ID!) { checkoutSession(id: $id) { id fetchedAt amountTotal { amount } } }`;
const entitiesQuery = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`;

interface SessionAnswer {
  checkoutSession: { id: string; fetchedAt: string; amountTotal: { amount: number } };
}

let sessionNumber = 0;
function putOpenSession(emulator: ProviderEmulator, amountTotal = 100): string {
  sessionNumber += 1;
  const id = `cs_test_fromCopy${String(sessionNumber).padStart(5, '0')}abcdef`;
  emulator.putStripeSession({ id, object: 'checkout.session', status: 'open', currency: 'usd', amount_total: amountTotal });
  return id;
}


async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await delay(10);
}

/** Starts one request asking for `count` sessions nobody asked for yet; resolves once their calls hold the budget's next turns. */
async function floodWithFirstAsks(graphqlUrl: string, emulator: ProviderEmulator, count: number) {
  const ids = Array.from({ length: count }, () => putOpenSession(emulator));
  const state = { done: false };
  const answer = postGraphQL(graphqlUrl, {
    query: entitiesQuery,
    variables: { representations: ids.map((id) => ({ __typename: 'CheckoutSession', id })) },
  }).finally(() => {
    state.done = true;
  });
  await until(() => ids.some((id) => callsFor(emulator, id) > 0));
  return { state, answer };
}

describe('a session already served, read again while the provider budget is taken', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(slowPacing, { stripeRateLimits: 'documented' });
  });
  afterAll(() => harness?.close());
  const read = (id: string) => harness.query<SessionAnswer>(sessionQuery, { id });

  it('is answered at once from its copy, marked by fetchedAt and no-store, and refreshed once a turn is free', async () => {
    const id = putOpenSession(harness.emulator, 100);
    const first = await read(id);
    expect(first.errors).toBeUndefined();
    const firstFetchedAt = first.data!.checkoutSession.fetchedAt;
    expect(new Date(firstFetchedAt).getTime()).not.toBeNaN();
    expect(first.headers['cache-control']).toBe('max-age=5, private');
    harness.emulator.putStripeSession({ id, object: 'checkout.session', status: 'open', currency: 'usd', amount_total: 250 });
    await delay(300); // past the 200 ms cache age of an open session

    const flood = await floodWithFirstAsks(harness.graphqlUrl, harness.emulator, 6);
    const fromCopy = await read(id);
    expect(flood.state.done).toBe(false);
    expect(callsFor(harness.emulator, id)).toBe(1);
    expect(fromCopy.errors).toBeUndefined();
    expect(fromCopy.data!.checkoutSession).toEqual({ id, fetchedAt: firstFetchedAt, amountTotal: { amount: 100 } });
    expect(fromCopy.headers['cache-control']).toBe('no-store');

    expect((await flood.answer).errors).toBeUndefined();
    await until(() => callsFor(harness.emulator, id) === 2);
    const refreshed = await read(id);
    expect(refreshed.data!.checkoutSession.amountTotal.amount).toBe(250);
    expect(new Date(refreshed.data!.checkoutSession.fetchedAt).getTime()).toBeGreaterThan(new Date(firstFetchedAt).getTime());
  });

  it('is not answered from a copy a webhook evicted: it waits for its turn and gets the change', async () => {
    const id = putOpenSession(harness.emulator, 100);
    const first = await read(id);
    const firstFetchedAt = first.data!.checkoutSession.fetchedAt;
    await delay(300);
    const completed = { id, object: 'checkout.session', status: 'open', currency: 'usd', amount_total: 400 };
    harness.emulator.putStripeSession(completed);
    expect(await deliverStripeSessionEvent(harness.subgraph.url, webhookSecret, completed, 'checkout.session.async_payment_failed')).toBe(200);

    const flood = await floodWithFirstAsks(harness.graphqlUrl, harness.emulator, 4);
    const afterWebhook: GraphQLResult<SessionAnswer> = await read(id);
    expect(afterWebhook.errors).toBeUndefined();
    expect(afterWebhook.data!.checkoutSession.amountTotal.amount).toBe(400);
    expect(afterWebhook.data!.checkoutSession.fetchedAt).not.toBe(firstFetchedAt);
    await flood.answer;
  });
});

describe('a session another replica served, read while the shared budget is taken', () => {
  let redisServer: RedisServer;
  let emulator: ProviderEmulator;
  let replicas: RunningSubgraph[] = [];
  beforeAll(async () => {
    redisServer = await startRedisServer();
    emulator = await ProviderEmulator.start({ stripeRateLimits: 'documented' });
    const environment = { ...slowPacing, REDIS_URL: redisServer.url, REDIS_TIMEOUT_MS: '1000' };
    replicas = await Promise.all([startSubgraphFor(emulator, environment), startSubgraphFor(emulator, environment)]);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await emulator?.close();
    await redisServer?.close();
  });

  it("is answered from the copy in Redis, with the first replica's fetchedAt", async () => {
    const [replicaA, replicaB] = replicas as [RunningSubgraph, RunningSubgraph];
    const id = putOpenSession(emulator, 100);
    const readAt = (replica: RunningSubgraph) => postGraphQL<SessionAnswer>(`${replica.url}/graphql`, { query: sessionQuery, variables: { id } });
    const first = await readAt(replicaA);
    const firstFetchedAt = first.data!.checkoutSession.fetchedAt;
    await delay(300);

    const flood = await floodWithFirstAsks(`${replicaB.url}/graphql`, emulator, 6);
    const fromCopy = await readAt(replicaB);
    expect(flood.state.done).toBe(false);
    expect(callsFor(emulator, id)).toBe(1);
    expect(fromCopy.data!.checkoutSession).toEqual({ id, fetchedAt: firstFetchedAt, amountTotal: { amount: 100 } });
    expect(fromCopy.headers['cache-control']).toBe('no-store');
    await flood.answer;
  });
});
