import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '../../src/app.js';
import { ProviderEmulator } from '../../src/emulator/server.js';
import { postGraphQL, startSubgraphFor } from '../support/harness.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { deliverStripeSessionEvent } from '../support/webhook-signing.js';

const webhookSecret = 'whsec_accountsEndpoint42';
const sessionQuery = `query ($id: ID!) { checkoutSession(id: $id) { id amountTotal { amount } customer { email } } }`;
const sessionPath = (id: string) => `/v1/checkout/sessions/${id}`;

function ownersSession(id: string) {
  return {
    id,
    object: 'checkout.session',
    status: 'complete',
    payment_status: 'paid',
    amount_total: 7300,
    currency: 'usd',
    customer_details: { email: 'owner.customer@example.com' },
  };
}

/**
 * Three deployments of three Stripe accounts on one Redis, all with the default
 * REDIS_KEY_PREFIX: the owner's (whose provider has the sessions), one whose key that
 * provider rejects, and one with a live key whose provider has none of them.
 */
describe('deployments of different accounts sharing one Redis', () => {
  let redisServer: RedisServer;
  let ownersProvider: ProviderEmulator;
  let liveProvider: ProviderEmulator;
  let owner: RunningSubgraph;
  let ownerSecondReplica: RunningSubgraph;
  let rejected: RunningSubgraph;
  let live: RunningSubgraph;
  let inspector: Redis;
  const read = async (deployment: RunningSubgraph, id: string) =>
    postGraphQL(`${deployment.url}/graphql`, { query: sessionQuery, variables: { id } });

  beforeAll(async () => {
    redisServer = await startRedisServer();
    ownersProvider = await ProviderEmulator.start();
    liveProvider = await ProviderEmulator.start({ stripeSecretKey: 'sk_live_accountsOtherAccount42' });
    const fleet = { CACHE: 'on', REDIS_URL: redisServer.url, REDIS_TIMEOUT_MS: '1000', STRIPE_WEBHOOK_SECRET: webhookSecret, CONVERGEGATE_SECRET_KEY: '' };
    [owner, ownerSecondReplica, rejected, live] = await Promise.all([
      startSubgraphFor(ownersProvider, fleet),
      startSubgraphFor(ownersProvider, fleet),
      startSubgraphFor(ownersProvider, { ...fleet, STRIPE_SECRET_KEY: 'sk_test_accountsRejectedKey42' }),
      startSubgraphFor(liveProvider, fleet),
    ]);
    inspector = new Redis(redisServer.url);
  });
  afterAll(async () => {
    inspector?.disconnect();
    await Promise.all([owner, ownerSecondReplica, rejected, live].map((deployment) => deployment?.close()));
    await Promise.all([ownersProvider?.close(), liveProvider?.close()]);
    await redisServer?.close();
  });
  beforeEach(() => {
    ownersProvider.resetCalls();
    liveProvider.resetCalls();
  });

  it('never serves a session another account read to a deployment whose key its provider rejects', async () => {
    const id = 'cs_test_accountsRejected000001';
    ownersProvider.putStripeSession(ownersSession(id));
    expect((await read(owner, id)).data?.checkoutSession?.customer?.email).toBe('owner.customer@example.com');

    const answer = await read(rejected, id);
    expect(answer.errors?.[0]?.extensions?.code).toBe('PROVIDER_AUTH_FAILED');
    expect(answer.text).not.toContain('owner.customer@example.com');
  });

  it('never serves a test-mode session another account read to a deployment with a live key', async () => {
    const id = 'cs_test_accountsLiveKey0000001';
    ownersProvider.putStripeSession(ownersSession(id));
    await read(owner, id);

    const answer = await read(live, id);
    expect(answer.data?.checkoutSession ?? null).toBeNull();
    expect(answer.text).not.toContain('owner.customer@example.com');
    expect(liveProvider.countCalls(sessionPath(id))).toBe(1);
  });

  it('does not make the owner answer NOT_FOUND for a session another account has not got', async () => {
    const id = 'cs_test_accountsNotFound000001';
    ownersProvider.putStripeSession(ownersSession(id));
    expect((await read(live, id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const answer = await read(ownerSecondReplica, id);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.checkoutSession?.amountTotal?.amount).toBe(7300);
  });

  it('evicts nothing of the owner’s on another account’s webhook', async () => {
    const id = 'cs_test_accountsWebhook0000001';
    ownersProvider.putStripeSession(ownersSession(id));
    await read(owner, id);
    await read(ownerSecondReplica, id);
    expect(ownersProvider.countCalls(sessionPath(id))).toBe(1);

    expect(await deliverStripeSessionEvent(live.url, webhookSecret, ownersSession(id))).toBe(200);
    // The owner's own webhook, delivered next, is the marker that any eviction has arrived.
    const marker = 'cs_test_accountsWebhookMark001';
    ownersProvider.putStripeSession(ownersSession(marker));
    await read(ownerSecondReplica, marker);
    expect(await deliverStripeSessionEvent(owner.url, webhookSecret, ownersSession(marker))).toBe(200);
    await expect.poll(async () => (await read(ownerSecondReplica, marker), ownersProvider.countCalls(sessionPath(marker)))).toBe(2);

    await read(owner, id);
    await read(ownerSecondReplica, id);
    expect(ownersProvider.countCalls(sessionPath(id))).toBe(1);
  });

  it('keeps each account under its own keys, named by a hash, never by the key', async () => {
    // All but the replicas' heartbeats, which belong to no account.
    const keys = (await inspector.keys('*')).filter((key) => key !== 'payments-subgraph:v2:replicas');
    const accounts = new Set(keys.map((key) => /^payments-subgraph:v2:(stripe:(?:test|live):[0-9a-f]{32}):/.exec(key)?.[1]));
    expect(accounts.has(undefined)).toBe(false);
    // The owner's and the live account's; the rejected key's answers (auth failures) are never kept.
    expect([...accounts].map((account) => account?.split(':')[1]).sort()).toEqual(['live', 'test']);
    const everything = keys.join('\n');
    for (const secret of [ownersProvider.stripeSecretKey, 'sk_test_accountsRejectedKey42', 'sk_live_accountsOtherAccount42']) {
      expect(everything).not.toContain(secret);
    }
  });
});
