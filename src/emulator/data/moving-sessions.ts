import type { WireObject } from '../route.js';

/** A BLIK payment the bank settles some seconds after the session is first read. */
export const convergeGateSettlingId = 'MvG4-BlikSettlesSoon01';
/** A Stripe session whose delayed payment (a SEPA debit) succeeds some seconds after it is first read. */
export const stripeDelayedPaymentId = 'cs_test_k1DelayedPaymentSucceeds000000000000000000000000';
/** How long after its first read a moving session moves. */
export const movingSessionDelayMs = 10_000;

/** A session that changes once, as the provider would report it before and after, and the webhook event it then sends. */
export interface MovingSession {
  provider: 'stripe' | 'convergeGate';
  id: string;
  before: WireObject;
  after: WireObject;
  /** The event's type, as the provider names it. */
  eventType: string;
}

/** The emulator's moving sessions, open until an hour after `nowSeconds` (the emulator's start). */
export function movingSessions(nowSeconds: number): MovingSession[] {
  const expiresAt = nowSeconds + 3600;
  const blikPending: WireObject = {
    id: convergeGateSettlingId,
    amount_total: 8_950,
    amount_subtotal: 8_950,
    amount_refunded: 0,
    currency: 'pln',
    customer_firstname: 'Maria',
    customer_lastname: 'Zielińska',
    customer_email: 'maria.zielinska@example.pl',
    created_at: nowSeconds,
    expires_at: expiresAt,
    locale: 'pl',
    payment_method_types: ['blik'],
    metadata: { order_id: 'order_2004', items: 2 },
    fees: [],
    refunds: [],
    refunded: false,
    status: 'pending',
    livemode: false,
  };
  const debitUnderWay: WireObject = {
    id: stripeDelayedPaymentId,
    object: 'checkout.session',
    amount_subtotal: 12_900,
    amount_total: 12_900,
    client_reference_id: null,
    created: nowSeconds,
    currency: 'eur',
    customer_details: { email: 'lukas.weber@example.de', name: 'Lukas Weber' },
    expires_at: expiresAt,
    livemode: false,
    metadata: {},
    mode: 'payment',
    payment_intent: 'pi_test_k1DelayedSepaDebit',
    payment_method_types: ['sepa_debit'],
    payment_status: 'unpaid',
    status: 'complete',
    url: null,
  };
  return [
    { provider: 'convergeGate', id: convergeGateSettlingId, before: blikPending, after: { ...blikPending, status: 'completed' }, eventType: 'checkout.session.completed' },
    {
      provider: 'stripe',
      id: stripeDelayedPaymentId,
      before: debitUnderWay,
      after: { ...debitUnderWay, payment_status: 'paid' },
      eventType: 'checkout.session.async_payment_succeeded',
    },
  ];
}
