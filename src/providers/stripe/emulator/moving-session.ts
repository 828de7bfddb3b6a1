import type { MovingSession, WireObject } from '../../emulated-provider.js';
import { stripeDelayedDebit, type EmulatedPayment } from './payments.js';
import { stripeSession } from './sessions.js';
import { wireObject } from './stripe-json.js';

/** A Stripe session whose delayed payment (a SEPA debit) succeeds some seconds after it is first read. */
const stripeDelayedPaymentId = 'cs_test_k1DelayedPaymentSucceeds000000000000000000000000';
const paymentIntentId = 'pi_test_k1DelayedSepaDebit';

/** Stripe's moving session: a complete session whose SEPA debit is under way (its charge pending, nothing booked), then paid. */
export function stripeMovingSessions(nowSeconds: number): MovingSession[] {
  const debitUnderWay = stripeSession(stripeDelayedPaymentId, {
    amount_subtotal: 12_900,
    amount_total: 12_900,
    created: nowSeconds,
    currency: 'eur',
    customer_details: {
      address: null,
      business_name: null,
      email: 'lukas.weber@example.de',
      individual_name: null,
      name: 'Lukas Weber',
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    },
    expires_at: nowSeconds + 3600,
    payment_intent: paymentIntentId,
    payment_method_types: ['sepa_debit'],
    payment_status: 'unpaid',
    status: 'complete',
    success_url: 'https://shop.example.com/orders/thanks',
  });
  const debit = stripeDelayedDebit(paymentIntentId, 12_900, nowSeconds);
  return [
    {
      id: stripeDelayedPaymentId,
      before: debitUnderWay,
      after: { ...debitUnderWay, payment_status: 'paid' },
      eventType: 'checkout.session.async_payment_succeeded',
      objects: { before: objectsOf(debit.before), after: objectsOf(debit.after) },
    },
  ];
}

function objectsOf({ paymentIntent, charge, balanceTransaction }: EmulatedPayment): WireObject[] {
  return [paymentIntent, charge, ...(balanceTransaction ? [balanceTransaction] : [])].map(wireObject);
}
