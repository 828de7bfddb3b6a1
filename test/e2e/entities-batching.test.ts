import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const entitiesQuery = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on CheckoutSession { id status amountTotal { amount } } }
}`;

function sessionId(index: number): string {
  return `cs_test_batch${String(index).padStart(6, '0')}abcdefgh`;
}

describe('_entities batching', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ PROVIDER_CONCURRENCY: '4', CACHE: 'off' }, { latencyMs: 25 });
    for (let index = 0; index < 40; index += 1) {
      harness.emulator.putStripeSession({
        id: sessionId(index),
        object: 'checkout.session',
        status: 'complete',
        amount_total: 1000 + index,
        currency: 'usd',
      });
    }
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.emulator.resetCalls());

  it('makes one provider call per distinct id, however often an id is repeated', async () => {
    const distinct = Array.from({ length: 10 }, (_, index) => sessionId(index));
    const representations = Array.from({ length: 60 }, (_, index) => ({
      __typename: 'CheckoutSession',
      id: distinct[index % distinct.length],
    }));
    const result = await harness.query(entitiesQuery, { representations });
    expect(result.errors).toBeUndefined();
    const entities = result.data?._entities as Array<{ id: string; amountTotal: { amount: number } }>;
    expect(entities).toHaveLength(60);
    expect(entities.map((entity) => entity.id)).toEqual(representations.map((representation) => representation.id));
    expect(entities[13]?.amountTotal.amount).toBe(1003);
    expect(harness.emulator.countCalls('/v1/checkout/sessions/')).toBe(10);
  });

  it('keeps at most PROVIDER_CONCURRENCY calls of one request in flight', async () => {
    const representations = Array.from({ length: 40 }, (_, index) => ({ __typename: 'CheckoutSession', id: sessionId(index) }));
    const result = await harness.query(entitiesQuery, { representations });
    expect(result.errors).toBeUndefined();
    expect(harness.emulator.countCalls('/v1/checkout/sessions/')).toBe(40);
    expect(harness.emulator.peakInFlight).toBe(4);
  });

  it('loads Query.checkoutSession and _entities through the same per-request loader', async () => {
    const result = await harness.query(`{ a: checkoutSession(id: "${sessionId(1)}") { id } b: checkoutSession(id: "${sessionId(1)}") { status } }`);
    expect(result.errors).toBeUndefined();
    expect(harness.emulator.countCalls('/v1/checkout/sessions/')).toBe(1);
  });

  it('answers a failed representation with null at its own index and keeps the others', async () => {
    const representations = [
      { __typename: 'CheckoutSession', id: sessionId(1) },
      { __typename: 'CheckoutSession', id: 'cs_test_missingSession01' },
      { __typename: 'CheckoutSession', id: '../admin' },
      { __typename: 'CheckoutSession', id: sessionId(2) },
    ];
    const result = await harness.query(entitiesQuery, { representations });
    const entities = result.data?._entities as Array<{ id: string } | null>;
    expect(entities.map((entity) => entity?.id ?? null)).toEqual([sessionId(1), null, null, sessionId(2)]);
    expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['_entities', 1], 'NOT_FOUND'],
      [['_entities', 2], 'BAD_USER_INPUT'],
    ]);
  });
});
