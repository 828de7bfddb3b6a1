import type { MovingSession } from '../../emulated-provider.js';

/** A Stripe session whose delayed payment (a SEPA debit) succeeds some seconds after it is first read. */
const stripeDelayedPaymentId = 'cs_test_k1DelayedPaymentSucceeds000000000000000000000000';

/** Stripe's moving session: a complete session whose SEPA debit is under way, then paid. */
export function stripeMovingSessions(nowSeconds: number): MovingSession[] {
  const debitUnderWay = {
    id: stripeDelayedPaymentId,
    object: 'checkout.session',
    amount_subtotal: 12_900,
    amount_total: 12_900,
    client_reference_id: null,
    created: nowSeconds,
    currency: 'eur',
    customer_details: { email: 'lukas.weber@example.de', name: 'Lukas Weber' },
    expires_at: nowSeconds + 3600,
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
    {
      id: stripeDelayedPaymentId,
      before: debitUnderWay,
      after: { ...debitUnderWay, payment_status: 'paid' },
      eventType: 'checkout.session.async_payment_succeeded',
    },
  ];
}
