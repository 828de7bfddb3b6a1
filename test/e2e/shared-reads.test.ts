import { describe, expect, it } from 'vitest';
import { stripeCompletePaidId, stripeFullyRefundedId, stripeSeedExampleId } from '../../src/providers/stripe/emulator/sessions.js';
import { useHarness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';

const sessionQuery = `query ($id: ID!) { checkoutSession(id: $id) { id status amountTotal { amount } } }`;
const sessionPath = (id: string) => `/v1/checkout/sessions/${id}`;

describe('reads shared across requests, with the cache on', () => {
  const clock = new TestClock();
  const harness = useHarness({ CACHE: 'on', CACHE_OPEN_TTL_MS: '150', CACHE_NOT_FOUND_TTL_MS: '60000' }, { latencyMs: 30 }, { readCacheClock: clock });

  it('answers a completed, paid session again without asking the provider', async () => {
    const first = await harness.query(sessionQuery, { id: stripeCompletePaidId });
    const second = await harness.query(sessionQuery, { id: stripeCompletePaidId });
    expect(second.data).toEqual(first.data);
    expect(second.data?.checkoutSession).toMatchObject({ status: 'COMPLETE', amountTotal: { amount: 5210 } });
    expect(harness.emulator.countCalls(sessionPath(stripeCompletePaidId))).toBe(1);
  });

  it('asks again for an open session once its short time to live has passed', async () => {
    await harness.query(sessionQuery, { id: stripeSeedExampleId });
    await harness.query(sessionQuery, { id: stripeSeedExampleId });
    expect(harness.emulator.countCalls(sessionPath(stripeSeedExampleId))).toBe(1);
    clock.time += 200;
    const later = await harness.query(sessionQuery, { id: stripeSeedExampleId });
    expect(later.data?.checkoutSession).toMatchObject({ status: 'OPEN' });
    expect(harness.emulator.countCalls(sessionPath(stripeSeedExampleId))).toBe(2);
  });

  it('keeps refunds and line items too, so a second request for them makes no provider call', async () => {
    const query = `query ($id: ID!) { checkoutSession(id: $id) { refunded refunds { id } lineItems { id } } }`;
    const first = await harness.query(query, { id: stripeFullyRefundedId });
    const second = await harness.query(query, { id: stripeFullyRefundedId });
    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(harness.emulator.countCalls('/v1/refunds')).toBe(1);
    expect(harness.emulator.countCalls(`${sessionPath(stripeFullyRefundedId)}/line_items`)).toBe(1);
  });

  it('remembers for a while that a session does not exist', async () => {
    const missing = 'cs_test_neverCreated000000001';
    const answers = [await harness.query(sessionQuery, { id: missing }), await harness.query(sessionQuery, { id: missing })];
    expect(answers.map((answer) => answer.errors?.[0]?.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(harness.emulator.countCalls(sessionPath(missing))).toBe(1);
  });

  it('never remembers a provider failure: the next request asks again and gets the session', async () => {
    const id = 'cs_test_flakySession00000001';
    harness.emulator.putStripeSession({ id, object: 'checkout.session', status: 'complete', payment_status: 'paid' });
    harness.emulator.injectFault(id, { kind: 'status', status: 503 });
    const failed = await harness.query(sessionQuery, { id });
    expect(failed.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
    const attemptsOfTheFailure = harness.emulator.countCalls(sessionPath(id));
    harness.emulator.clearFaults();
    const recovered = await harness.query(sessionQuery, { id });
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data?.checkoutSession).toMatchObject({ id, status: 'COMPLETE' });
    expect(harness.emulator.countCalls(sessionPath(id))).toBe(attemptsOfTheFailure + 1);
  });
});

describe('reads shared across requests, with CACHE=off', () => {
  const harness = useHarness({ CACHE: 'off' }, { latencyMs: 100 });

  it('lets concurrent requests for the same session share one provider call', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => harness.query(sessionQuery, { id: stripeCompletePaidId })),
    );
    for (const answer of answers) expect(answer.data?.checkoutSession).toMatchObject({ id: stripeCompletePaidId });
    expect(harness.emulator.countCalls(sessionPath(stripeCompletePaidId))).toBe(1);
  });

  it('shares a call between a query and an _entities batch that arrive together', async () => {
    const entities = harness.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`,
      { representations: [{ __typename: 'CheckoutSession', id: stripeSeedExampleId }] },
    );
    const direct = harness.query(sessionQuery, { id: stripeSeedExampleId });
    const [fromEntities, fromQuery] = await Promise.all([entities, direct]);
    expect(fromEntities.data?._entities).toEqual([{ id: stripeSeedExampleId }]);
    expect(fromQuery.data?.checkoutSession).toMatchObject({ id: stripeSeedExampleId });
    expect(harness.emulator.countCalls(sessionPath(stripeSeedExampleId))).toBe(1);
  });

  it('asks the provider again for every request that comes after the last one finished', async () => {
    await harness.query(sessionQuery, { id: stripeCompletePaidId });
    await harness.query(sessionQuery, { id: stripeCompletePaidId });
    expect(harness.emulator.countCalls(sessionPath(stripeCompletePaidId))).toBe(2);
  });
});
