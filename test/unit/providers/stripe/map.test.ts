import { describe, expect, it } from 'vitest';
import { stripeSessions } from '../../../../src/providers/stripe/emulator/sessions.js';
import type { CheckoutSession } from '../../../../src/model/checkout-session.js';
import { stripeMapping, toCheckoutSession, toLineItem, toRefund } from '../../../../src/providers/stripe/map.js';
import { stripeWireRefund } from '../../../../src/providers/stripe/wire.js';
import { memoryLogger, quietLogger } from '../../../support/log-lines.js';
import { stripeDelayedDebit } from '../../../../src/providers/stripe/emulator/payments.js';

const mapping = stripeMapping(quietLogger());

/** Maps a payload as the client does: the body's text, its core validated, under the id that was asked for. */
function mapStripeSession(payload: Record<string, unknown>, requestedId = String(payload.id)): CheckoutSession {
  const text = JSON.stringify(payload);
  return toCheckoutSession(mapping.schemas.session.parse(JSON.parse(text)), text, requestedId, mapping);
}

const payload = (id: string): Record<string, unknown> => {
  const found = stripeSessions.find((session) => session.id === id);
  if (!found) throw new Error(`the emulator has no Stripe session ${id}`);
  return found;
};

const usd = (amount: number) => ({ amount, currency: 'USD', minorUnitDigits: 2 });
const eur = (amount: number) => ({ amount, currency: 'EUR', minorUnitDigits: 2 });

describe('a Stripe Checkout Session mapped to the model', () => {
  it.each([
    {
      what: "Stripe's published example, exactly as published",
      id: 'cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u',
      expected: {
        provider: 'STRIPE',
        livemode: false,
        status: 'OPEN',
        paymentStatus: 'UNPAID',
        mode: 'PAYMENT',
        currency: 'USD',
        amountSubtotal: usd(2198),
        amountTotal: usd(2198),
        totalDetails: { amountDiscount: usd(0), amountShipping: usd(0), amountTax: usd(0), breakdown: null },
        shippingCost: null,
        customer: null,
        customerId: null,
        metadata: {},
        clientReferenceId: null,
        paymentIntentId: null,
        paymentMethodTypes: ['card'],
        locale: null,
        successUrl: 'https://example.com/success',
        cancelUrl: null,
        createdAt: new Date('2023-03-23T19:36:55.000Z'),
        expiresAt: new Date('2023-03-24T19:36:55.000Z'),
        feesAndSettlement: { fees: [], settlement: null, pending: false },
        paymentSource: { kind: 'payment-intent' },
      },
    },
    {
      what: 'a completed, paid card payment with a customer, shipping and tax',
      id: 'cs_test_b1CompletePaidOrder1001aaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      expected: {
        status: 'COMPLETE',
        paymentStatus: 'PAID',
        currency: 'EUR',
        amountSubtotal: eur(4500),
        amountTotal: eur(5210),
        totalDetails: { amountDiscount: eur(0), amountShipping: eur(500), amountTax: eur(210), breakdown: null },
        shippingCost: { amountSubtotal: eur(500), amountTax: eur(95), amountTotal: eur(595), shippingRateId: 'shr_EmulatorStandard' },
        customer: {
          email: 'jenny.rosen@example.com',
          name: 'Jenny Rosen',
          firstName: null,
          lastName: null,
          phone: '+4930123456',
          ipAddress: null,
          address: { line1: 'Unter den Linden 1', line2: null, city: 'Berlin', state: null, postalCode: '10117', country: 'DE' },
        },
        customerId: 'cus_Emulator1001',
        metadata: { order_id: 'order_1001', channel: 'web' },
        clientReferenceId: 'order_1001',
        paymentIntentId: 'pi_3EmulatorPaid1001',
        locale: 'de',
        createdAt: new Date('2025-11-23T12:13:20.000Z'),
      },
    },
    {
      what: 'an expired session',
      id: 'cs_test_c1ExpiredSession00000000000000000000000000000000000',
      expected: { status: 'EXPIRED', paymentStatus: 'UNPAID', clientReferenceId: 'order_1002' },
    },
    {
      what: 'a setup-mode session, whose amounts, currency and metadata are null',
      id: 'cs_test_d1SetupModeNullAmounts000000000000000000000000000',
      expected: {
        status: 'COMPLETE',
        paymentStatus: 'NO_PAYMENT_REQUIRED',
        mode: 'SETUP',
        currency: null,
        amountSubtotal: null,
        amountTotal: null,
        totalDetails: null,
        metadata: {},
        paymentMethodTypes: ['card', 'sepa_debit'],
      },
    },
    {
      what: 'amounts beyond 2^31 in a currency without decimals',
      id: 'cs_test_e1LargeJpyAmount000000000000000000000000000000000',
      expected: {
        currency: 'JPY',
        amountSubtotal: { amount: 5_000_000_000, currency: 'JPY', minorUnitDigits: 0 },
        amountTotal: { amount: 5_500_000_000, currency: 'JPY', minorUnitDigits: 0 },
        totalDetails: expect.objectContaining({ amountTax: { amount: 500_000_000, currency: 'JPY', minorUnitDigits: 0 } }),
      },
    },
    {
      what: 'a status, payment status and mode Stripe has not released yet',
      id: 'cs_test_f1FutureEnumValues0000000000000000000000000000000',
      expected: { status: 'UNKNOWN', paymentStatus: 'UNKNOWN', mode: 'UNKNOWN' },
    },
    {
      what: 'an id with underscores and hyphens',
      id: 'cs_test_j1_Order-1006_retry-2',
      expected: { id: 'cs_test_j1_Order-1006_retry-2', status: 'OPEN', currency: 'GBP', amountTotal: { amount: 1800, currency: 'GBP', minorUnitDigits: 2 } },
    },
  ])('maps $what', ({ id, expected }) => {
    const session = mapStripeSession(payload(id));
    expect(session).toMatchObject({ id, ...expected });
  });

  it('keeps the id it was asked for, not the one in the body', () => {
    const session = mapStripeSession({ ...payload('cs_test_c1ExpiredSession00000000000000000000000000000000000'), id: 'cs_test_other' }, 'cs_test_asked');
    expect(session.id).toBe('cs_test_asked');
  });

  it('reads expandable references whether Stripe sent an id or the expanded object', () => {
    const expanded = mapStripeSession({
      ...payload('cs_test_b1CompletePaidOrder1001aaaaaaaaaaaaaaaaaaaaaaaaaaaa'),
      customer: { id: 'cus_Expanded', object: 'customer' },
      payment_intent: { id: 'pi_Expanded', object: 'payment_intent' },
    });
    expect(expanded).toMatchObject({ customerId: 'cus_Expanded', paymentIntentId: 'pi_Expanded' });
  });
});

describe('a Stripe refund and line item mapped to the model', () => {
  it.each([
    ['succeeded', 'requested_by_customer', 'SUCCEEDED', 'REQUESTED_BY_CUSTOMER'],
    ['pending', 'duplicate', 'PENDING', 'DUPLICATE'],
    ['requires_action', 'fraudulent', 'REQUIRES_ACTION', 'FRAUDULENT'],
    ['failed', null, 'FAILED', null],
    ['canceled', 'expired_uncaptured_charge', 'CANCELED', 'EXPIRED_UNCAPTURED_CHARGE'],
    ['a_status_from_the_future', 'a_reason_from_the_future', 'UNKNOWN', 'UNKNOWN'],
  ])('maps a refund with status %s and reason %s', (status, reason, expectedStatus, expectedReason) => {
    const refund = toRefund(
      stripeWireRefund.parse({ id: 're_1', object: 'refund', amount: 1500, currency: 'eur', status, reason, created: 1763900000, payment_intent: 'pi_1' }),
      mapping.warnings,
    );
    expect(refund).toEqual({
      id: 're_1',
      amount: eur(1500),
      status: expectedStatus,
      reason: expectedReason,
      createdAt: new Date('2025-11-23T12:13:20.000Z'),
    });
  });

  it('maps a line item with its amounts and price', () => {
    const item = toLineItem(
      mapping.schemas.lineItem.parse({
        id: 'li_1',
        object: 'item',
        amount_discount: 0,
        amount_subtotal: 3000,
        amount_tax: 570,
        amount_total: 3570,
        currency: 'eur',
        description: 'T-shirt',
        price: { id: 'price_1', object: 'price' },
        quantity: 2,
      }),
    );
    expect(item).toEqual({
      id: 'li_1',
      description: 'T-shirt',
      quantity: 2,
      amountSubtotal: eur(3000),
      amountTotal: eur(3570),
      amountTax: eur(570),
      amountDiscount: eur(0),
      priceId: 'price_1',
      unitAmount: null,
      productId: null,
      productName: null,
      taxes: null,
      discounts: null,
    });
  });
});

describe("a Stripe payment's fees and settlement, from its payment intent read with latest_charge.balance_transaction", () => {
  const { before: underWay, after: booked } = stripeDelayedDebit('pi_test_mapDebit', 12_900, 1764000000);
  /** The session with its payment intent expanded as the settlement expansion asks: charge and balance transaction inside. */
  const withPayment = (paymentIntent: unknown) => mapStripeSession({ ...payload('cs_test_b1CompletePaidOrder1001aaaaaaaaaaaaaaaaaaaaaaaaaaaa'), payment_intent: paymentIntent });
  const expanded = ({ paymentIntent, charge, balanceTransaction }: typeof booked, chargeFields: Record<string, unknown> = {}) => ({
    ...paymentIntent,
    latest_charge: { ...charge, balance_transaction: balanceTransaction ?? null, ...chargeFields },
  });

  it('reads the fee details and amounts of a booked payment', () => {
    expect(withPayment(expanded(booked)).feesAndSettlement).toEqual({
      fees: [{ type: 'stripe_fee', description: 'SEPA Direct Debit fee', amount: eur(35) }],
      settlement: { amount: eur(12_900), fee: eur(35), net: eur(12_865), availableOn: new Date('2025-12-01T16:00:00.000Z') },
      pending: false,
    });
  });

  it.each([
    ['a charge not booked yet is pending', expanded(underWay), true],
    ['a failed charge has none to come', expanded(underWay, { status: 'failed' }), false],
    ['a payment intent not expanded has none', 'pi_test_mapDebit', false],
    ['a payment intent without a charge has none', { ...booked.paymentIntent, latest_charge: null }, false],
  ])('has no fees and no settlement when %s', (_case, paymentIntent, pending) => {
    const session = withPayment(paymentIntent);
    expect(session.feesAndSettlement).toEqual({ fees: [], settlement: null, pending });
    expect(session.paymentIntentId).toBe('pi_test_mapDebit');
  });

  it("keeps the session and its payment intent when the charge's shape is unreadable, and warns once", () => {
    const { logger, lines } = memoryLogger();
    const watched = stripeMapping(logger);
    const body = { ...payload('cs_test_b1CompletePaidOrder1001aaaaaaaaaaaaaaaaaaaaaaaaaaaa'), payment_intent: { id: 'pi_test_odd', latest_charge: { id: 'ch_test_odd', balance_transaction: { fee: 'a lot' } } } };
    const text = JSON.stringify(body);
    const session = toCheckoutSession(watched.schemas.session.parse(JSON.parse(text)), text, 'cs_test_b1CompletePaidOrder1001aaaaaaaaaaaaaaaaaaaaaaaaaaaa', watched);
    expect(session).toMatchObject({ paymentIntentId: 'pi_test_odd', feesAndSettlement: { fees: [], settlement: null, pending: false } });
    expect(lines.filter((line) => line.msg === 'unreadable optional session field left out').map((line) => line.field)).toEqual(['payment_intent.latest_charge']);
  });

  it('reads its money through the invoice when the session has no payment intent', () => {
    expect(mapStripeSession(payload('cs_test_i1EverySettingFilledIn0000000000000000000000000000')).paymentSource).toEqual({ kind: 'invoice', invoiceId: 'in_1EmulatorEverything' });
  });
});
