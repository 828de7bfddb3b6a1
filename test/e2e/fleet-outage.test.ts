import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '../../src/app.js';
import { ProviderEmulator } from '../../src/emulator/server.js';
import { postGraphQL, startSubgraphFor } from '../support/harness.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

const amountQuery = `query ($id: ID!) { checkoutSession(id: $id) { id amountTotal { amount } } }`;
const sessionPath = (id: string) => `/v1/checkout/sessions/${id}`;
const openIds = Array.from({ length: 40 }, (_, index) => `cs_test_outageOpen${String(index).padStart(4, '0')}`);

describe('replicas when Redis goes away in the middle of a load run', () => {
  let redisServer: RedisServer;
  let emulator: ProviderEmulator;
  let replicas: RunningSubgraph[] = [];
  const amountAt = async (replica: RunningSubgraph, id: string) =>
    (await postGraphQL(`${replica.url}/graphql`, { query: amountQuery, variables: { id } })).data?.checkoutSession?.amountTotal?.amount;

  beforeAll(async () => {
    redisServer = await startRedisServer();
    emulator = await ProviderEmulator.start({ latencyMs: 2, stripeRateLimits: 'lifted' });
    for (const id of openIds) emulator.putStripeSession({ id, object: 'checkout.session', status: 'open', amount_total: 700, currency: 'usd' });
    const environment = {
      CACHE: 'on',
      CACHE_OPEN_TTL_MS: '200',
      REDIS_URL: redisServer.url,
      PROVIDER_RATE_LIMIT: '400',
      REDIS_FALLBACK_REPLICAS: '2',
    };
    replicas = await Promise.all([startSubgraphFor(emulator, environment), startSubgraphFor(emulator, environment)]);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await emulator?.close();
    await redisServer?.close();
  });

  /** Reads open sessions through both replicas for 1.5 s, with `disrupt` under way meanwhile; resolves to every amount answered. */
  const readUnderLoad = async (disrupt: () => Promise<void>): Promise<unknown[]> => {
    const startedAt = performance.now();
    const answers: unknown[] = [];
    const worker = async (replica: RunningSubgraph) => {
      for (let index = 0; performance.now() - startedAt < 1_500; index += 1) {
        answers.push(await amountAt(replica, openIds[index % openIds.length]!));
      }
    };
    await Promise.all([...replicas.flatMap((replica) => Array.from({ length: 4 }, () => worker(replica))), disrupt()]);
    return answers;
  };

  // Throughput is compared with the same run's undisturbed 1.5 s, so a loaded machine slows both alike.
  let undisturbedAnswers = 0;
  beforeAll(async () => {
    undisturbedAnswers = (await readUnderLoad(async () => {})).length;
  });

  it('answers every query while Redis stops answering without closing its connections', async () => {
    const answers = await readUnderLoad(async () => {
      await delay(400);
      redisServer.pause();
      await delay(500);
      redisServer.resume();
    });
    expect(answers.length).toBeGreaterThanOrEqual(undisturbedAnswers / 2);
    expect(answers.filter((amount) => amount !== 700)).toEqual([]);
  });

  it('answers every query while Redis is down, and shares again once Redis is back, without a restart of the subgraph', async () => {
    const answers = await readUnderLoad(async () => {
      await delay(400);
      await redisServer.kill();
      await delay(500);
      await redisServer.start();
    });
    expect(answers.length).toBeGreaterThanOrEqual(undisturbedAnswers / 2);
    expect(answers.filter((amount) => amount !== 700)).toEqual([]);

    const [replicaA, replicaB] = replicas as [RunningSubgraph, RunningSubgraph];
    // A fresh session each try, read on A then on B: one provider call once they share again.
    let attempt = 0;
    const callsForFreshSession = async () => {
      const id = `cs_test_outageAfter${String((attempt += 1)).padStart(4, '0')}`;
      emulator.putStripeSession({ id, object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: 900, currency: 'usd' });
      expect(await amountAt(replicaA, id)).toBe(900);
      expect(await amountAt(replicaB, id)).toBe(900);
      return emulator.countCalls(sessionPath(id));
    };
    await expect.poll(callsForFreshSession, { timeout: 5_000, interval: 100 }).toBe(1);
  });
});
