import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorFault } from '../../src/emulator/server.js';
import { postGraphQL, startHarness, type Harness } from '../support/harness.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const goodIds = Array.from({ length: 60 }, (_, index) => `cs_test_burstgood${String(index).padStart(4, '0')}abcd`);
const faultyFaults: EmulatorFault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 429, headers: { 'retry-after': '30' } },
  { kind: 'hang' },
  { kind: 'reset' },
  { kind: 'body', body: '<html>error</html>', contentType: 'text/html' },
  { kind: 'oversized', bytes: 2 * 1024 * 1024 },
  { kind: 'trickle', intervalMs: 20 },
  { kind: 'truncated' },
];
const faultyIds = faultyFaults.map((_, index) => `cs_test_burstfaulty${String(index).padStart(4, '0')}ab`);
const maliciousIds = ['../../v1/balance', 'cs_test_x%2F..', `cs_test_${'a'.repeat(10_000)}`, 'cs_test_abc\r\nx: y'];

const entitiesQuery = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id status } } }`;

/** One wave of requests of every kind at once; resolves to how many good sessions were asked for and how many arrived. */
async function wave(harness: Harness): Promise<{ asked: number; arrived: number }> {
  let asked = 0;
  let arrived = 0;
  const work: Array<Promise<unknown>> = [];
  for (let batch = 0; batch < 6; batch += 1) {
    const good = goodIds.slice(batch * 10, batch * 10 + 10);
    const ids = [...good, faultyIds[batch % faultyIds.length]!, maliciousIds[batch % maliciousIds.length]!, faultyIds[(batch + 3) % faultyIds.length]!];
    asked += good.length;
    work.push(
      harness.query(entitiesQuery, { representations: ids.map((id) => ({ __typename: 'CheckoutSession', id })) }).then((result) => {
        const entities = (result.data?._entities ?? []) as Array<{ id: string } | null>;

        arrived += entities.filter((entity) => entity !== null && good.includes(entity.id)).length;
      }),
    );
  }
  for (const id of goodIds.slice(0, 12)) {
    asked += 1;
    work.push(
      harness.query(`query ($id: ID!) { checkoutSession(id: $id) { id } }`, { id }).then((result) => {
        if (result.data?.checkoutSession?.id === id) arrived += 1;
      }),
    );
  }
  const tooMany = Array.from({ length: 60 }, () => ({ __typename: 'CheckoutSession', id: goodIds[0] }));
  work.push(harness.query(entitiesQuery, { representations: tooMany }));
  work.push(harness.query(`{ checkoutSession(id: "${goodIds[0]}") { shippingCost { amountTotal { amount } } } }`));
  work.push(postGraphQL(harness.graphqlUrl, '{"query": "{ __typename'));
  work.push(
    request(harness.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(64 * 1024) }),
    }).then((response) => response.body.dump()),
  );
  work.push(request(`${harness.graphqlUrl}?query={__typename}`).then((response) => response.body.dump()));
  await Promise.all(work);
  return { asked, arrived };
}

describe('a burst of good, faulty and malicious requests', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      // Long enough that a good session's call outlasts a busy machine, and a breaker that stays
      // closed: neither a slow machine nor the faulty sessions' failures are what this test is about.
      PROVIDER_TIMEOUT_MS: '1500',
      PROVIDER_BREAKER_MIN_CALLS: '1000',
      PROVIDER_RETRY_BASE_DELAY_MS: '5',
      PROVIDER_RETRY_MAX_DELAY_MS: '50',
      MAX_ENTITIES_PER_REQUEST: '50',
      MAX_QUERY_DEPTH: '3',
      MAX_REQUEST_BODY_BYTES: String(32 * 1024),
    });
    for (const id of [...goodIds, ...faultyIds]) harness.emulator.putStripeSession({ id, object: 'checkout.session', status: 'complete' });
    faultyFaults.forEach((fault, index) => harness.emulator.injectFault(faultyIds[index]!, fault));
  });
  afterAll(() => harness.close());

  it('delivers every good session, and memory settles once the burst is over', async () => {
    await wave(harness);
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;

    for (let round = 0; round < 3; round += 1) {
      const { asked, arrived } = await wave(harness);
      expect(arrived).toBe(asked);
    }

    collectGarbage();
    const grownMiB = (process.memoryUsage().heapUsed - baseline) / 1024 / 1024;
    expect(grownMiB).toBeLessThan(16);
    // Calls the subgraph gave up on (hangs, trickles) are closed on the provider's side too.
    await expect.poll(() => (harness.emulator.resetCalls(), harness.emulator.peakInFlight), { timeout: 2_000 }).toBe(0);
    const health = await request(`${harness.subgraph.url}/health`);
    expect(health.statusCode).toBe(200);
    await health.body.dump();
  });
});
