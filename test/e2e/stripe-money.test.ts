import { describe, expect, it } from 'vitest';
import { stripeEverythingId } from '../../src/providers/stripe/emulator/full-session.js';
import { stripeDelayedDebit, stripeInvoicePayment, stripePayment, type EmulatedPayment } from '../../src/providers/stripe/emulator/payments.js';
import { stripeRefund } from '../../src/providers/stripe/emulator/refunds.js';
import {
  stripeCompletePaidId,
  stripeFullyRefundedId,
  stripeLargeAmountId,
  stripeSession,
  stripeSetupModeId,
} from '../../src/providers/stripe/emulator/sessions.js';
import { wireObject } from '../../src/providers/stripe/emulator/stripe-json.js';
import { useHarness, type Harness } from '../support/harness.js';

// Fees and settlements as the emulator's payments book them (src/providers/stripe/emulator/payments.ts),
// read as Stripe's pinned API version sends them: the balance transaction of each payment's charge.

const sessionPath = (id: string) => `/v1/checkout/sessions/${id}`;
const withSettlement = (id: string) => `${sessionPath(id)}?expand%5B%5D=payment_intent.latest_charge.balance_transaction`;
const moneySelection = `
  fees { type description amount { amount currency decimal } }
  settlement { amount { amount currency decimal } fee { amount decimal } net { amount currency decimal } availableOn }
`;

function paths(harness: Harness): string[] {
  return harness.emulator.calls.map((call) => call.path);
}

function putPayment(harness: Harness, { paymentIntent, charge, balanceTransaction }: EmulatedPayment): void {
  for (const object of [paymentIntent, charge, ...(balanceTransaction ? [balanceTransaction] : [])]) harness.emulator.putStripeObject(wireObject(object));
}

describe("Stripe's fees and what the merchant nets", () => {
  const harness = useHarness();

  it("lists a paid session's fees and settlement from its charge's balance transaction, in the session's one call", async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeCompletePaidId}") { status ${moneySelection} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      status: 'COMPLETE',
      fees: [{ type: 'stripe_fee', description: 'Stripe processing fees', amount: { amount: 103, currency: 'EUR', decimal: '1.03' } }],
      settlement: {
        amount: { amount: 5210, currency: 'EUR', decimal: '52.10' },
        fee: { amount: 103, decimal: '1.03' },
        net: { amount: 5107, currency: 'EUR', decimal: '51.07' },
        availableOn: '2025-11-30T00:00:00.000Z',
      },
    });
    expect(paths(harness)).toEqual([withSettlement(stripeCompletePaidId)]);
  });

  it("books a payment in the balance's currency when that is not the session's", async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeFullyRefundedId}") { currency ${moneySelection} } }`);
    expect(result.data?.checkoutSession).toEqual({
      currency: 'USD',
      fees: [{ type: 'stripe_fee', description: 'Stripe processing fees', amount: { amount: 85, currency: 'EUR', decimal: '0.85' } }],
      settlement: {
        amount: { amount: 1840, currency: 'EUR', decimal: '18.40' },
        fee: { amount: 85, decimal: '0.85' },
        net: { amount: 1755, currency: 'EUR', decimal: '17.55' },
        availableOn: '2025-11-28T00:00:00.000Z',
      },
    });
  });

  it('lists every fee of the balance transaction, the tax on Stripe’s fee included, beyond 2^31 in yen', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeLargeAmountId}") { ${moneySelection} } }`);
    expect(result.data?.checkoutSession).toEqual({
      fees: [
        { type: 'stripe_fee', description: 'Stripe processing fees', amount: { amount: 198_000_000, currency: 'JPY', decimal: '198000000' } },
        { type: 'tax', description: 'JCT on Stripe fees', amount: { amount: 19_800_000, currency: 'JPY', decimal: '19800000' } },
      ],
      settlement: {
        amount: { amount: 5_500_000_000, currency: 'JPY', decimal: '5500000000' },
        fee: { amount: 217_800_000, decimal: '217800000' },
        net: { amount: 5_282_200_000, currency: 'JPY', decimal: '5282200000' },
        availableOn: '2023-03-30T00:00:00.000Z',
      },
    });
  });

  it('answers no fees and no settlement for a session without a payment, at the cost of the same one call', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeSetupModeId}") { mode ${moneySelection} } }`);
    expect(result.data?.checkoutSession).toEqual({ mode: 'SETUP', fees: [], settlement: null });
    expect(paths(harness)).toEqual([withSettlement(stripeSetupModeId)]);
  });

  it('reads the fees of a session with the settlement, and selecting only one of them asks for the same expansion', async () => {
    const result = await harness.query(`{ a: checkoutSession(id: "${stripeCompletePaidId}") { fees { type } } b: checkoutSession(id: "${stripeCompletePaidId}") { settlement { net { amount } } } }`);
    expect(result.data).toEqual({ a: { fees: [{ type: 'stripe_fee' }] }, b: { settlement: { net: { amount: 5107 } } } });
    expect(paths(harness)).toEqual([withSettlement(stripeCompletePaidId)]);
  });
});

describe('a subscription session, paid through its invoice', () => {
  const harness = useHarness();
  const invoicePayments = '/v1/invoice_payments?invoice=in_1EmulatorEverything&limit=100';
  const refunds = '/v1/refunds?payment_intent=pi_3EmulatorInvoice1005&limit=100';
  const paymentIntent = '/v1/payment_intents/pi_3EmulatorInvoice1005?expand%5B%5D=latest_charge.balance_transaction';

  it("reports the refunds of the invoice's payment: one list of the invoice's payments, then the refunds of each", async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeEverythingId}") {
      mode paymentIntentId refunds { id amount { decimal currency } status reason } amountRefunded { decimal } refunded
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      mode: 'SUBSCRIPTION',
      paymentIntentId: null,
      refunds: [{ id: 're_3EmulatorInvoice1005a', amount: { decimal: '10.00', currency: 'EUR' }, status: 'SUCCEEDED', reason: 'REQUESTED_BY_CUSTOMER' }],
      amountRefunded: { decimal: '10.00' },
      refunded: false,
    });
    expect(paths(harness)).toEqual([sessionPath(stripeEverythingId), invoicePayments, refunds]);
  });

  it("reports the fees and settlement of the invoice's payment, its list of payments read once with the refunds", async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeEverythingId}") { refunded ${moneySelection} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      refunded: false,
      fees: [{ type: 'stripe_fee', description: 'Stripe processing fees', amount: { amount: 170, currency: 'EUR', decimal: '1.70' } }],
      settlement: {
        amount: { amount: 9690, currency: 'EUR', decimal: '96.90' },
        fee: { amount: 170, decimal: '1.70' },
        net: { amount: 9520, currency: 'EUR', decimal: '95.20' },
        availableOn: '2025-11-30T00:00:00.000Z',
      },
    });
    expect([...paths(harness)].sort()).toEqual([invoicePayments, paymentIntent, refunds, withSettlement(stripeEverythingId)].sort());
  });

  it('counts every payment of an invoice paid in two: their refunds, their fees and their settlements added up', async () => {
    const id = 'cs_test_invoicePaidInTwoPayments000000001';
    const invoice = 'in_test_paidInTwo';
    const first = stripePayment({
      paymentIntentId: 'pi_test_firstOfTwo',
      amount: 6000,
      currency: 'eur',
      created: 1764000000,
      method: 'card',
      booked: { fees: [{ type: 'stripe_fee', description: 'Stripe processing fees', amount: 115 }], availableOn: 1764547200 },
    });
    const second = stripePayment({
      paymentIntentId: 'pi_test_secondOfTwo',
      amount: 4000,
      currency: 'eur',
      created: 1764100000,
      method: 'card',
      booked: { fees: [{ type: 'stripe_fee', description: 'Stripe processing fees', amount: 85 }], availableOn: 1764633600 },
    });
    harness.emulator.putStripeSession(
      wireObject(stripeSession(id, { mode: 'subscription', currency: 'eur', amount_subtotal: 10000, amount_total: 10000, invoice, status: 'complete', payment_status: 'paid' })),
    );
    for (const [payment, invoicePayment] of [[first, 'inpay_test_first'], [second, 'inpay_test_second']] as const) {
      putPayment(harness, payment);
      harness.emulator.putStripeObject(wireObject(stripeInvoicePayment(invoicePayment, invoice, payment)));
    }
    harness.emulator.putStripeObject(
      wireObject(stripeRefund('re_test_ofTheFirst', 'pi_test_firstOfTwo', { amount: 6000, currency: 'eur', status: 'succeeded', reason: 'requested_by_customer', created: 1764200000 })),
    );

    const result = await harness.query(`{ checkoutSession(id: "${id}") { refunds { id } amountRefunded { decimal } refunded ${moneySelection} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      refunds: [{ id: 're_test_ofTheFirst' }],
      amountRefunded: { decimal: '60.00' },
      refunded: false,
      fees: [
        { type: 'stripe_fee', description: 'Stripe processing fees', amount: { amount: 85, currency: 'EUR', decimal: '0.85' } },
        { type: 'stripe_fee', description: 'Stripe processing fees', amount: { amount: 115, currency: 'EUR', decimal: '1.15' } },
      ],
      settlement: {
        amount: { amount: 10000, currency: 'EUR', decimal: '100.00' },
        fee: { amount: 200, decimal: '2.00' },
        net: { amount: 9800, currency: 'EUR', decimal: '98.00' },
        availableOn: '2025-12-02T00:00:00.000Z',
      },
    });
    expect(harness.emulator.countCalls('/v1/invoice_payments')).toBe(1);
    expect(harness.emulator.countCalls('/v1/payment_intents/')).toBe(2);
  });

  it("answers fees null with an error at their path when the invoice's payments cannot be listed, and keeps the session", async () => {
    harness.emulator.injectFault('in_1EmulatorEverything', { kind: 'status', status: 500 });
    const result = await harness.query(`{ checkoutSession(id: "${stripeEverythingId}") { status fees { type } settlement { net { amount } } } }`);
    expect(result.data?.checkoutSession).toEqual({ status: 'COMPLETE', fees: null, settlement: null });
    expect(result.errors?.map((error) => [error.path, error.extensions?.code]).sort()).toEqual([
      [['checkoutSession', 'fees'], 'PROVIDER_UNAVAILABLE'],
      [['checkoutSession', 'settlement'], 'PROVIDER_UNAVAILABLE'],
    ]);
  });
});

describe('a paid session whose payment Stripe has not booked yet', () => {
  const harness = useHarness({ CACHE: 'on', CACHE_OPEN_TTL_MS: '0' });
  const notBookedId = 'cs_test_paidButNotBookedYet00000000001';

  it('answers no fees yet, keeps that answer only as long as an open session, and lets the response be cached briefly', async () => {
    const { before } = stripeDelayedDebit('pi_test_notBookedYet', 4200, 1764000000);
    putPayment(harness, before);
    harness.emulator.putStripeSession(
      wireObject(stripeSession(notBookedId, { currency: 'eur', amount_total: 4200, payment_intent: 'pi_test_notBookedYet', status: 'complete', payment_status: 'paid' })),
    );
    const query = `{ checkoutSession(id: "${notBookedId}") { status paymentStatus ${moneySelection} } }`;
    const first = await harness.query(query);
    expect(first.data?.checkoutSession).toEqual({ status: 'COMPLETE', paymentStatus: 'PAID', fees: [], settlement: null });
    expect(first.headers['cache-control']).toBe('max-age=5, private');
    await harness.query(query);
    expect(harness.emulator.countCalls(sessionPath(notBookedId))).toBe(2);

    // Once booked, the same session is final and kept.
    harness.emulator.resetCalls();
    const { after } = stripeDelayedDebit('pi_test_notBookedYet', 4200, 1764000000);
    putPayment(harness, after);
    const booked = await harness.query(query);
    expect(booked.data?.checkoutSession).toMatchObject({ fees: [{ amount: { amount: 35 } }], settlement: { net: { amount: 4165 } } });
    expect(booked.headers['cache-control']).toBe('max-age=600, private');
    await harness.query(query);
    expect(harness.emulator.countCalls(sessionPath(notBookedId))).toBe(1);
  });
});

describe('line items with their prices, products, taxes and discounts', () => {
  const harness = useHarness();
  const lineItems = `/v1/checkout/sessions/${stripeEverythingId}/line_items`;

  it('answers the unit price and product id with the same call as today, and asks for the product, taxes and discounts only when selected', async () => {
    const plain = await harness.query(`{ checkoutSession(id: "${stripeEverythingId}") { lineItems { id priceId productId unitAmount { amount currency decimal } } } }`);
    expect(plain.errors).toBeUndefined();
    expect(plain.data?.checkoutSession).toEqual({
      lineItems: [
        { id: 'li_1Emulator1005Coffee', priceId: 'price_1Emulator1005Coffee', productId: 'prod_1Emulator1005Coffee', unitAmount: { amount: 4000, currency: 'EUR', decimal: '40.00' } },
        { id: 'li_1Emulator1005Grinder', priceId: 'price_1Emulator1005Grinder', productId: 'prod_1Emulator1005Grinder', unitAmount: { amount: 2000, currency: 'EUR', decimal: '20.00' } },
      ],
    });
    expect(paths(harness).filter((path) => path.startsWith(lineItems))).toEqual([`${lineItems}?limit=100`]);

    harness.emulator.resetCalls();
    const full = await harness.query(`{ checkoutSession(id: "${stripeEverythingId}") { lineItems {
      id productName
      taxes { amount { decimal } rate { id percentage } taxabilityReason taxableAmount { decimal } }
      discounts { amount { decimal } discountId couponId promotionCodeId }
    } } }`);
    expect(full.errors).toBeUndefined();
    expect(full.data?.checkoutSession).toEqual({
      lineItems: [
        {
          id: 'li_1Emulator1005Coffee',
          productName: 'Coffee subscription, monthly',
          taxes: [{ amount: { decimal: '1.60' }, rate: { id: 'txr_1EmulatorDE19', percentage: 19 }, taxabilityReason: 'standard_rated', taxableAmount: { decimal: '8.42' } }],
          discounts: [{ amount: { decimal: '8.00' }, discountId: 'di_1EmulatorSpring', couponId: 'SPRING10', promotionCodeId: 'promo_1EmulatorSpring' }],
        },
        {
          id: 'li_1Emulator1005Grinder',
          productName: 'Hand grinder',
          taxes: [{ amount: { decimal: '0.40' }, rate: { id: 'txr_1EmulatorDE19', percentage: 19 }, taxabilityReason: 'standard_rated', taxableAmount: { decimal: '2.11' } }],
          discounts: [{ amount: { decimal: '2.00' }, discountId: 'di_1EmulatorSpring', couponId: 'SPRING10', promotionCodeId: 'promo_1EmulatorSpring' }],
        },
      ],
    });
    expect(paths(harness).filter((path) => path.startsWith(lineItems))).toEqual([
      `${lineItems}?expand%5B%5D=data.price.product&expand%5B%5D=data.taxes&expand%5B%5D=data.discounts&limit=100`,
    ]);
  });

  it('answers [] for the taxes and discounts of a line that has none, once asked', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeCompletePaidId}") { lineItems { productName taxes { amount { amount } } discounts { couponId } } } }`);
    expect(result.errors).toBeUndefined();
    expect((result.data?.checkoutSession as { lineItems: unknown[] }).lineItems[0]).toEqual({ productName: 'Organic cotton T-shirt', taxes: [], discounts: [] });
  });

  it('makes one call for two selections of the same line items that need different expansions', async () => {
    const result = await harness.query(`{
      a: checkoutSession(id: "${stripeEverythingId}") { lineItems { productName } }
      b: checkoutSession(id: "${stripeEverythingId}") { lineItems { taxes { amount { amount } } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(paths(harness).filter((path) => path.startsWith(lineItems))).toEqual([
      `${lineItems}?expand%5B%5D=data.price.product&expand%5B%5D=data.taxes&limit=100`,
    ]);
  });
});

describe('coupons of discounts', () => {
  const harness = useHarness();

  it("reads a breakdown discount's coupon where the pinned API version has it (source.coupon)", async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeEverythingId}") { totalDetails { breakdown { discounts { discountId couponId promotionCodeId } } } discounts { couponId promotionCodeId } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      totalDetails: { breakdown: { discounts: [{ discountId: 'di_1EmulatorSpring', couponId: 'SPRING10', promotionCodeId: 'promo_1EmulatorSpring' }] } },
      discounts: [{ couponId: 'SPRING10', promotionCodeId: 'promo_1EmulatorSpring' }],
    });
  });

  it('still reads the coupon where an older API version put it (discount.coupon), as events rendered in it carry it', async () => {
    const id = 'cs_test_discountRenderedBeforeClover0001';
    harness.emulator.putStripeSession({
      id,
      object: 'checkout.session',
      status: 'complete',
      currency: 'eur',
      amount_total: 900,
      total_details: {
        amount_discount: 100,
        amount_shipping: 0,
        amount_tax: 0,
        breakdown: { discounts: [{ amount: 100, discount: { id: 'di_test_old', object: 'discount', coupon: { id: 'OLD10', object: 'coupon' }, promotion_code: null } }], taxes: [] },
      },
    });
    const result = await harness.query(`{ checkoutSession(id: "${id}") { totalDetails { breakdown { discounts { couponId } } } } }`);
    expect(result.data?.checkoutSession).toEqual({ totalDetails: { breakdown: { discounts: [{ couponId: 'OLD10' }] } } });
  });
});
