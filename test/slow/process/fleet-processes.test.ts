import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderEmulator } from '../../../src/emulator/server.js';
import { postGraphQL } from '../../support/harness.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { busiestSecond } from '../../support/busiest-second.js';
import { startReplicaProcess, stopReplicaProcesses, type ReplicaProcess as Replica } from '../../support/replica-processes.js';
import { deliverStripeSessionEvent } from '../../support/webhook-signing.js';

const webhookSecret = 'whsec_fleetProcesses42';
const amountQuery = `query ($id: ID!) { checkoutSession(id: $id) { id amountTotal { amount } } }`;
const sessionPath = (id: string) => `/v1/checkout/sessions/${id}`;
const loadIds = Array.from({ length: 400 }, (_, index) => `cs_test_fleetLoad${String(index).padStart(5, '0')}`);

function completedSession(id: string, amountTotal: number) {
  return { id, object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: amountTotal, currency: 'usd' };
}

describe('two subgraph processes sharing one Redis', () => {
  let redisServer: RedisServer;
  let emulator: ProviderEmulator;
  let replicas: Replica[] = [];
  const amountAt = async (replica: Replica, id: string) =>
    (await postGraphQL(`${replica.url}/graphql`, { query: amountQuery, variables: { id } })).data?.checkoutSession?.amountTotal?.amount;

  beforeAll(async () => {
    redisServer = await startRedisServer();
    emulator = await ProviderEmulator.start({ latencyMs: 5 });
    for (const id of loadIds) emulator.putStripeSession(completedSession(id, 100));
    const environment = {
      STRIPE_SECRET_KEY: emulator.stripeSecretKey,
      STRIPE_API_URL: emulator.url,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      REDIS_URL: redisServer.url,
      // These tests are about what replicas share; a busy test machine can hold Redis's answers past the 50 ms default.
      REDIS_TIMEOUT_MS: '1000',
      REDIS_FALLBACK_REPLICAS: '2',
      PROVIDER_RATE_LIMIT: '20',
    };
    replicas = await Promise.all([startReplicaProcess(environment), startReplicaProcess(environment)]);
  }, 30_000);
  afterAll(async () => {
    await stopReplicaProcesses(replicas);
    await emulator?.close();
    await redisServer?.close();
  });
  beforeEach(() => emulator.resetCalls());

  it('serves a session read through replica A from replica B with no provider call', async () => {
    const id = 'cs_test_processesShared0001';
    emulator.putStripeSession(completedSession(id, 4200));
    expect(await amountAt(replicas[0]!, id)).toBe(4200);
    expect(await amountAt(replicas[1]!, id)).toBe(4200);
    expect(emulator.countCalls(sessionPath(id))).toBe(1);
  });

  it('makes replica B fetch fresh on its next read after a webhook delivered to replica A', async () => {
    const [replicaA, replicaB] = replicas as [Replica, Replica];
    const id = 'cs_test_processesWebhook001';
    emulator.putStripeSession(completedSession(id, 1000));
    expect(await amountAt(replicaB, id)).toBe(1000);
    emulator.putStripeSession(completedSession(id, 2500));
    expect(await deliverStripeSessionEvent(replicaA.url, webhookSecret, completedSession(id, 2500))).toBe(200);
    await expect.poll(() => amountAt(replicaB, id), { timeout: 1000, interval: 20 }).toBe(2500);
  });

  it('keeps two replicas under load together within a shared rate of 20 calls a second', async () => {
    const loadMs = 3_000;
    const startedAt = performance.now();
    let next = 0;
    const answered: boolean[] = [];
    const worker = async (replica: Replica) => {
      while (performance.now() - startedAt < loadMs && next < loadIds.length) {
        const id = loadIds[next++]!;
        answered.push((await amountAt(replica, id)) === 100);
      }
    };
    await Promise.all(replicas.flatMap((replica) => Array.from({ length: 8 }, () => worker(replica))));
    const loadSeconds = (performance.now() - startedAt) / 1000;
    const arrivals = emulator.calls.filter((call) => call.path.startsWith('/v1/checkout/sessions/cs_test_fleetLoad')).map((call) => call.at);
    // Each replica alone would pace at 20 a second: twice as many calls would arrive if they did not share.
    expect(arrivals.length).toBeGreaterThanOrEqual(50);
    // From a full budget: the burst of 2 at once, then one every 50 ms.
    expect(arrivals.length).toBeLessThanOrEqual(Math.floor(20 * loadSeconds) + 2);
    // Per second: the rate plus its burst of 2, with room for calls the emulator notes late while a busy machine
    // stalls it (the exact bound is checked on the reservations themselves), and far from the 40 of two separate budgets.
    expect(busiestSecond(arrivals)).toBeLessThanOrEqual(30);
    expect(answered.every(Boolean)).toBe(true);
  });
});
