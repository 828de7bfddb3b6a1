import type Stripe from 'stripe';

/** A refund of a card payment, as Stripe's pinned API version sends it. */
export function stripeRefund(
  id: string,
  paymentIntent: string,
  fields: Pick<Stripe.Refund, 'amount' | 'currency' | 'status' | 'reason' | 'created'>,
): Stripe.Refund {
  return {
    id,
    object: 'refund',
    balance_transaction: fields.status === 'succeeded' ? `txn_${id.slice(3)}` : null,
    charge: `ch_${paymentIntent.slice(3)}`,
    customer: null,
    customer_account: null,
    destination_details: {
      type: 'card',
      card: { reference_status: fields.status === 'succeeded' ? 'available' : 'pending', reference_type: 'acquirer_reference_number', type: 'refund' },
    },
    metadata: {},
    payment_intent: paymentIntent,
    payment_method: `pm_${paymentIntent.slice(3)}`,
    receipt_number: null,
    source_transfer_reversal: null,
    transfer_reversal: null,
    ...fields,
  };
}

/**
 * Stripe refunds the emulator lists under `GET /v1/refunds?payment_intent=...`, newest
 * first as Stripe lists them, in Stripe's JSON.
 */
export const stripeRefunds: readonly Stripe.Refund[] = [
  // Order 1001: one refund succeeded, one is pending, one failed; only the first counts.
  stripeRefund('re_3EmulatorPaid1001c', 'pi_3EmulatorPaid1001', { amount: 200, currency: 'eur', status: 'failed', reason: 'duplicate', created: 1764100000 }),
  stripeRefund('re_3EmulatorPaid1001b', 'pi_3EmulatorPaid1001', { amount: 500, currency: 'eur', status: 'pending', reason: null, created: 1764050000 }),
  stripeRefund('re_3EmulatorPaid1001a', 'pi_3EmulatorPaid1001', { amount: 1000, currency: 'eur', status: 'succeeded', reason: 'requested_by_customer', created: 1764000000 }),
  // Order 1003: refunded in full.
  stripeRefund('re_3EmulatorRefunded1003b', 'pi_3EmulatorRefunded1003', { amount: 500, currency: 'usd', status: 'succeeded', reason: 'requested_by_customer', created: 1763760000 }),
  stripeRefund('re_3EmulatorRefunded1003a', 'pi_3EmulatorRefunded1003', { amount: 1500, currency: 'usd', status: 'succeeded', reason: 'fraudulent', created: 1763750000 }),
  // Order 1005, a subscription: part of its first invoice's payment refunded.
  stripeRefund('re_3EmulatorInvoice1005a', 'pi_3EmulatorInvoice1005', { amount: 1000, currency: 'eur', status: 'succeeded', reason: 'requested_by_customer', created: 1764000000 }),
];
