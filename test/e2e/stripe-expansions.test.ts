import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stripeEverythingId } from '../../src/providers/stripe/emulator/full-session.js';
import { startHarness, useHarness, type Harness } from '../support/harness.js';
import { deliverStripeSessionEvent } from '../support/webhook-signing.js';

const sessionPath = `/v1/checkout/sessions/${stripeEverythingId}`;
// What Stripe's reference calls the expansion (docs/querying.md), as a query string carries it.
const withBreakdown = `${sessionPath}?expand%5B%5D=total_details.breakdown`;
const breakdownSelection = 'totalDetails { breakdown { taxes { amount { amount } rate { percentage } } discounts { discountId } } }';
// The breakdown as Stripe sends the emulator's example session (src/emulator/data/stripe-full-session.ts).
const breakdown = { taxes: [{ amount: { amount: 200 }, rate: { percentage: 19 } }], discounts: [{ discountId: 'di_1EmulatorSpring' }] };

/** The paths of the calls for the session itself (not its line items), in order. */
function sessionCalls(harness: Harness): string[] {
  return harness.emulator.calls.map((call) => call.path).filter((path) => path === sessionPath || path.startsWith(`${sessionPath}?`));
}

describe('Stripe expansions, asked for only when a query selects a field that needs one', () => {
  const harness = useHarness();

  it('asks for no expansion when the query selects no field that needs one', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeEverythingId}") { status totalDetails { amountTax { amount } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({ status: 'COMPLETE', totalDetails: { amountTax: { amount: 200 } } });
    expect(sessionCalls(harness)).toEqual([sessionPath]);
  });

  it('asks for total_details.breakdown when totalDetails.breakdown is selected, and answers with it', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeEverythingId}") { ${breakdownSelection} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({ totalDetails: { breakdown } });
    expect(sessionCalls(harness)).toEqual([withBreakdown]);
  });

  it('makes one call with the expansion for two selections of the same session, only one of which needs it', async () => {
    const result = await harness.query(`{
      plain: checkoutSession(id: "${stripeEverythingId}") { status }
      detailed: checkoutSession(id: "${stripeEverythingId}") { ${breakdownSelection} }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ plain: { status: 'COMPLETE' }, detailed: { totalDetails: { breakdown } } });
    expect(sessionCalls(harness)).toEqual([withBreakdown]);
  });

  it('reads the selection of a gateway entity fetch through its fragments, honouring @include', async () => {
    const query = `query ($representations: [_Any!]!, $withBreakdown: Boolean!) {
      _entities(representations: $representations) { ... on CheckoutSession { id ...Totals } }
    }
    fragment Totals on CheckoutSession { totalDetails { breakdown @include(if: $withBreakdown) { discounts { discountId } } } }`;
    const representations = [{ __typename: 'CheckoutSession', id: stripeEverythingId }];

    const without = await harness.query(query, { representations, withBreakdown: false });
    expect(without.errors).toBeUndefined();
    expect(without.data?._entities).toEqual([{ id: stripeEverythingId, totalDetails: {} }]);
    expect(sessionCalls(harness)).toEqual([sessionPath]);

    harness.emulator.resetCalls();
    const withIt = await harness.query(query, { representations, withBreakdown: true });
    expect(withIt.data?._entities).toEqual([{ id: stripeEverythingId, totalDetails: { breakdown: { discounts: [{ discountId: 'di_1EmulatorSpring' }] } } }]);
    expect(sessionCalls(harness)).toEqual([withBreakdown]);
  });

  it('asks Converge Gate for nothing more, since its sessions come whole', async () => {
    const result = await harness.query(`{ checkoutSession(id: "2AW-kLcRRC5P8U68CYe0kVA") { provider totalDetails { breakdown { taxes { taxabilityReason } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toMatchObject({ provider: 'CONVERGE_GATE' });
    expect(harness.emulator.calls.map((call) => call.path)).toEqual(['/convergegate/v1/checkout/sessions/2AW-kLcRRC5P8U68CYe0kVA']);
  });
});

describe('Stripe expansions and the cache', () => {
  const webhookSecret = 'whsec_expansionsEndpoint42';
  let harness: Harness;
  const plainQuery = `{ checkoutSession(id: "${stripeEverythingId}") { status } }`;
  const breakdownQuery = `{ checkoutSession(id: "${stripeEverythingId}") { status ${breakdownSelection} } }`;

  beforeAll(async () => {
    harness = await startHarness({ CACHE: 'on', STRIPE_WEBHOOK_SECRET: webhookSecret });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    // Whatever an earlier test left cached, a verified event evicts it.
    expect(await deliverStripeSessionEvent(harness.subgraph.url, webhookSecret, { id: stripeEverythingId, object: 'checkout.session' })).toBe(200);
    harness.emulator.resetCalls();
  });

  it('does not answer a query needing the breakdown from a copy fetched without it, and refetches with it', async () => {
    await harness.query(plainQuery);
    const detailed = await harness.query(breakdownQuery);
    expect(detailed.errors).toBeUndefined();
    expect(detailed.data?.checkoutSession).toEqual({ status: 'COMPLETE', totalDetails: { breakdown } });
    expect(sessionCalls(harness)).toEqual([sessionPath, withBreakdown]);
  });

  it('answers both kinds of query from the copy fetched with the breakdown, which replaced the one without', async () => {
    await harness.query(plainQuery);
    await harness.query(breakdownQuery);
    const again = [await harness.query(plainQuery), await harness.query(breakdownQuery)];
    expect(again.map((result) => result.data?.checkoutSession)).toEqual([{ status: 'COMPLETE' }, { status: 'COMPLETE', totalDetails: { breakdown } }]);
    expect(sessionCalls(harness)).toEqual([sessionPath, withBreakdown]);
  });

  it('gives two requests at once that both need the breakdown one call', async () => {
    await Promise.all([harness.query(breakdownQuery), harness.query(breakdownQuery)]);
    expect(sessionCalls(harness)).toEqual([withBreakdown]);
  });

  it('drops the copy with its expansions when a webhook evicts the session', async () => {
    await harness.query(breakdownQuery);
    expect(await deliverStripeSessionEvent(harness.subgraph.url, webhookSecret, { id: stripeEverythingId, object: 'checkout.session' })).toBe(200);
    await harness.query(plainQuery);
    expect(sessionCalls(harness)).toEqual([withBreakdown, sessionPath]);
  });
});
