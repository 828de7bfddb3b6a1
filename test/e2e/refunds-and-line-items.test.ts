import { beforeAll, describe, expect, it } from 'vitest';
import { convergeGateCompletedId } from '../../src/providers/convergegate/emulator/sessions.js';
import {
  stripeBulkOrderId,
  stripeCompletePaidId,
  stripeFullyRefundedId,
  stripeSeedExampleId,
} from '../../src/providers/stripe/emulator/sessions.js';
import { startHarness, useHarness } from '../support/harness.js';

const paidPaymentIntent = 'pi_3EmulatorPaid1001';
const refundsPath = (paymentIntent: string) => `/v1/refunds?payment_intent=${paymentIntent}`;
const lineItemsPath = (sessionId: string) => `/v1/checkout/sessions/${sessionId}/line_items`;

describe('Stripe refunds and line items, with pages of two', () => {
  const harness = useHarness({}, { maxListPageSize: 2 });
  beforeAll(() => {
    // A second session paid by the same payment intent as order 1001.
    harness.emulator.putStripeSession({
      id: 'cs_test_sharesPaymentIntent1001',
      object: 'checkout.session',
      status: 'complete',
      currency: 'eur',
      amount_total: 5210,
      payment_intent: paidPaymentIntent,
    });
  });

  it('makes no refund or line item call for a query that does not select them', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeCompletePaidId}") { id status paymentIntentId } }`);
    expect(result.errors).toBeUndefined();
    expect(harness.emulator.calls.map((call) => call.path)).toEqual([`/v1/checkout/sessions/${stripeCompletePaidId}`]);
  });

  it('asks for no expansion on any call when no field that needs one is selected, refunds and line items included', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeCompletePaidId}") {
      status refunds { id } lineItems { id description priceId amountTotal { amount } }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(harness.emulator.calls.map((call) => call.path).sort()).toEqual([
      `/v1/checkout/sessions/${stripeCompletePaidId}`,
      `/v1/checkout/sessions/${stripeCompletePaidId}/line_items?limit=100`,
      `/v1/checkout/sessions/${stripeCompletePaidId}/line_items?limit=100&starting_after=li_1Emulator1001Mug`,
      `/v1/refunds?payment_intent=${paidPaymentIntent}&limit=100`,
      `/v1/refunds?payment_intent=${paidPaymentIntent}&limit=100&starting_after=re_3EmulatorPaid1001b`,
    ]);
  });

  it('lists refunds of the payment intent across pages, and counts only the succeeded ones', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeCompletePaidId}") {
      refunds { id amount { amount currency decimal } status reason createdAt } amountRefunded { decimal currency } refunded
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      refunds: [
        { id: 're_3EmulatorPaid1001c', amount: { amount: 200, currency: 'EUR', decimal: '2.00' }, status: 'FAILED', reason: 'DUPLICATE', createdAt: '2025-11-25T19:46:40.000Z' },
        { id: 're_3EmulatorPaid1001b', amount: { amount: 500, currency: 'EUR', decimal: '5.00' }, status: 'PENDING', reason: null, createdAt: '2025-11-25T05:53:20.000Z' },
        { id: 're_3EmulatorPaid1001a', amount: { amount: 1000, currency: 'EUR', decimal: '10.00' }, status: 'SUCCEEDED', reason: 'REQUESTED_BY_CUSTOMER', createdAt: '2025-11-24T16:00:00.000Z' },
      ],
      amountRefunded: { decimal: '10.00', currency: 'EUR' },
      refunded: false,
    });
    expect(harness.emulator.countCalls(refundsPath(paidPaymentIntent))).toBe(2);
    expect(harness.emulator.calls.map((call) => call.path)).toContain(
      `${refundsPath(paidPaymentIntent)}&limit=100&starting_after=re_3EmulatorPaid1001b`,
    );
  });

  it('says refunded once the succeeded refunds reach the total', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeFullyRefundedId}") { amountTotal { decimal } amountRefunded { decimal } refunded } }`);
    expect(result.data?.checkoutSession).toEqual({ amountTotal: { decimal: '20.00' }, amountRefunded: { decimal: '20.00' }, refunded: true });
  });

  it('answers no refunds, with no call, for a session without a payment intent', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeSeedExampleId}") { refunds { id } amountRefunded { decimal } refunded } }`);
    expect(result.data?.checkoutSession).toEqual({ refunds: [], amountRefunded: { decimal: '0.00' }, refunded: false });
    expect(harness.emulator.countCalls('/v1/refunds')).toBe(0);
  });

  it('lists each distinct payment intent once per request, however many fields and sessions read it', async () => {
    const result = await harness.query(`query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on CheckoutSession { id refunds { id } amountRefunded { amount } refunded } }
      again: checkoutSession(id: "${stripeCompletePaidId}") { refunds { id } }
    }`, {
      representations: [
        { __typename: 'CheckoutSession', id: stripeCompletePaidId },
        { __typename: 'CheckoutSession', id: 'cs_test_sharesPaymentIntent1001' },
        { __typename: 'CheckoutSession', id: stripeFullyRefundedId },
        { __typename: 'CheckoutSession', id: convergeGateCompletedId },
      ],
    });
    expect(result.errors).toBeUndefined();
    const entities = result.data?._entities as Array<{ refunds: unknown[] }>;
    expect(entities.map((entity) => entity.refunds.length)).toEqual([3, 3, 2, 2]);
    expect(harness.emulator.countCalls(refundsPath(paidPaymentIntent))).toBe(2);
    expect(harness.emulator.countCalls(refundsPath('pi_3EmulatorRefunded1003'))).toBe(1);
    expect(harness.emulator.countCalls('/v1/refunds')).toBe(3);
  });

  it('lists line items across pages, one call per page per distinct session', async () => {
    const result = await harness.query(`{
      a: checkoutSession(id: "${stripeCompletePaidId}") {
        lineItems { id description quantity amountSubtotal { decimal } amountTotal { decimal } amountTax { decimal } amountDiscount { decimal } priceId }
      }
      b: checkoutSession(id: "${stripeCompletePaidId}") { lineItems { id } }
      seed: checkoutSession(id: "${stripeSeedExampleId}") { lineItems { description amountTotal { decimal currency } } }
      blik: checkoutSession(id: "${convergeGateCompletedId}") { lineItems { id } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.a).toEqual({
      lineItems: [
        { id: 'li_1Emulator1001Shirt', description: 'Organic cotton T-shirt', quantity: 2, amountSubtotal: { decimal: '30.00' }, amountTotal: { decimal: '31.40' }, amountTax: { decimal: '1.40' }, amountDiscount: { decimal: '0.00' }, priceId: 'price_1Emulator1001Shirt' },
        { id: 'li_1Emulator1001Mug', description: 'Enamel mug', quantity: 1, amountSubtotal: { decimal: '10.00' }, amountTotal: { decimal: '10.47' }, amountTax: { decimal: '0.47' }, amountDiscount: { decimal: '0.00' }, priceId: 'price_1Emulator1001Mug' },
        { id: 'li_1Emulator1001Stickers', description: 'Sticker pack', quantity: 1, amountSubtotal: { decimal: '5.00' }, amountTotal: { decimal: '5.23' }, amountTax: { decimal: '0.23' }, amountDiscount: { decimal: '0.00' }, priceId: 'price_1Emulator1001Stickers' },
      ],
    });
    expect(result.data?.seed).toEqual({ lineItems: [{ description: 'T-shirt', amountTotal: { decimal: '21.98', currency: 'USD' } }] });
    expect(result.data?.blik).toEqual({ lineItems: [] });
    expect(harness.emulator.countCalls(lineItemsPath(stripeCompletePaidId))).toBe(2);
    expect(harness.emulator.countCalls(lineItemsPath(stripeSeedExampleId))).toBe(1);
    expect(harness.emulator.countCalls('/convergegate/')).toBe(1);
  });

  it('answers refunds null with an error at their path when the refund list fails, and keeps the session', async () => {
    harness.emulator.injectFault(paidPaymentIntent, { kind: 'status', status: 500 });
    const result = await harness.query(`{ checkoutSession(id: "${stripeCompletePaidId}") { id status refunds { id } refunded lineItems { id } } }`);
    expect(result.data?.checkoutSession).toMatchObject({ id: stripeCompletePaidId, status: 'COMPLETE', refunds: null, refunded: null });
    expect((result.data?.checkoutSession as { lineItems: unknown[] }).lineItems).toHaveLength(3);
    expect(result.errors?.map((error) => [error.path, error.extensions?.code]).sort()).toEqual([
      [['checkoutSession', 'refunded'], 'PROVIDER_UNAVAILABLE'],
      [['checkoutSession', 'refunds'], 'PROVIDER_UNAVAILABLE'],
    ]);
  });

  it('stops, with PROVIDER_BAD_RESPONSE, at an empty page that claims more', async () => {
    harness.emulator.injectFault(paidPaymentIntent, { kind: 'body', body: JSON.stringify({ object: 'list', data: [], has_more: true }) });
    const result = await harness.query(`{ checkoutSession(id: "${stripeCompletePaidId}") { id refunds { id } } }`);
    expect(result.data?.checkoutSession).toEqual({ id: stripeCompletePaidId, refunds: null });
    expect(result.errors?.[0]).toMatchObject({ path: ['checkoutSession', 'refunds'], extensions: { code: 'PROVIDER_BAD_RESPONSE' } });
    expect(harness.emulator.countCalls('/v1/refunds')).toBe(1);
  });

  it('answers line items null with an error at their path when their list fails, and keeps the session', async () => {
    harness.emulator.injectFault(`${stripeCompletePaidId}/line_items`, { kind: 'body', body: '{"object":"list","data":"oops"}' });
    const result = await harness.query(`{ checkoutSession(id: "${stripeCompletePaidId}") { id lineItems { id } refunds { id } } }`);
    expect(result.data?.checkoutSession).toMatchObject({ id: stripeCompletePaidId, lineItems: null });
    expect((result.data?.checkoutSession as { refunds: unknown[] }).refunds).toHaveLength(3);
    expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['checkoutSession', 'lineItems'], 'PROVIDER_BAD_RESPONSE'],
    ]);
  });
});

describe('Stripe lists at their largest page size', () => {
  it('reads all 120 line items of a bulk order in two calls of 100', async () => {
    const harness = await startHarness();
    try {
      const result = await harness.query(`{ checkoutSession(id: "${stripeBulkOrderId}") { amountTotal { decimal } lineItems { id } } }`);
      expect(result.errors).toBeUndefined();
      const lineItems = (result.data?.checkoutSession as { lineItems: Array<{ id: string }> }).lineItems;
      expect(lineItems).toHaveLength(120);
      expect(new Set(lineItems.map((item) => item.id)).size).toBe(120);
      expect(harness.emulator.calls.filter((call) => call.path.startsWith(lineItemsPath(stripeBulkOrderId))).map((call) => call.path)).toEqual([
        `${lineItemsPath(stripeBulkOrderId)}?limit=100`,
        `${lineItemsPath(stripeBulkOrderId)}?limit=100&starting_after=li_1Emulator1004Part100`,
      ]);
    } finally {
      await harness.close();
    }
  });
});
