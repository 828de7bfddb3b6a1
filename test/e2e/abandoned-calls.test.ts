import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrape } from '../support/prometheus-text.js';
import { startHarness, type Harness } from '../support/harness.js';
import { callsFor, putOpenSessions } from '../support/open-sessions.js';

const entitiesQuery = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`;
const refusedMetric = 'payments_subgraph_provider_calls_refused_total';

const body = (ids: string[]) => JSON.stringify({ query: entitiesQuery, variables: { representations: ids.map((id) => ({ __typename: 'CheckoutSession', id })) } });

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await delay(10);
}

describe('queued calls nobody waits for any more', () => {
  let harness: Harness;
  // One call a second: a request for several sessions queues its calls for seconds.
  beforeAll(async () => {
    harness = await startHarness({ PROVIDER_RATE_LIMIT: '1', PROVIDER_GLOBAL_RATE_LIMIT: '1' }, { stripeRateLimits: 'documented' });
  });
  afterAll(() => harness?.close());

  it('are dropped before they are sent once the client went away; a call another request still waits for is made', async () => {
    const ids = putOpenSessions(harness.emulator, 'abandoned', 4);
    const refusedBefore = (await scrape(harness.subgraph.metricsUrl)).value(refusedMetric, { provider: 'Stripe', reason: 'abandoned' });
    const leaving = new AbortController();
    const abandoned = request(harness.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(ids),
      signal: leaving.signal,
    }).catch((error: unknown) => error);
    await until(() => callsFor(harness.emulator, ids[0]!) === 1);
    // Another request wants the last session too, and stays.
    const staying = harness.query<{ _entities: Array<{ id: string } | null> }>(entitiesQuery, {
      representations: [{ __typename: 'CheckoutSession', id: ids[3] }],
    });
    await delay(100);
    leaving.abort();
    await abandoned;

    const stayed = await staying;
    expect(stayed.errors).toBeUndefined();
    expect(stayed.data?._entities).toEqual([{ id: ids[3] }]);
    // By the time the last session's turn came, the two in between had theirs: neither was sent.
    expect(ids.map((id) => callsFor(harness.emulator, id))).toEqual([1, 0, 0, 1]);
    const refusedAfter = (await scrape(harness.subgraph.metricsUrl)).value(refusedMetric, { provider: 'Stripe', reason: 'abandoned' });
    expect(refusedAfter - refusedBefore).toBe(2);
  });
});
