/**
 * Stripe refunds the emulator lists under `GET /v1/refunds?payment_intent=...`, newest
 * first as Stripe lists them, in Stripe's JSON.
 */
type WireRefund = Record<string, unknown> & { id: string; payment_intent: string };

function refund(
  id: string,
  paymentIntent: string,
  fields: { amount: number; currency: string; status: string; reason: string | null; created: number },
): WireRefund {
  return {
    id,
    object: 'refund',
    balance_transaction: fields.status === 'succeeded' ? `txn_${id.slice(3)}` : null,
    charge: `ch_${paymentIntent.slice(3)}`,
    destination_details: { type: 'card', card: { type: 'refund' } },
    metadata: {},
    payment_intent: paymentIntent,
    receipt_number: null,
    source_transfer_reversal: null,
    transfer_reversal: null,
    ...fields,
  };
}

export const stripeRefunds: readonly WireRefund[] = [
  // Order 1001: one refund succeeded, one is pending, one failed; only the first counts.
  refund('re_3EmulatorPaid1001c', 'pi_3EmulatorPaid1001', { amount: 200, currency: 'eur', status: 'failed', reason: 'duplicate', created: 1764100000 }),
  refund('re_3EmulatorPaid1001b', 'pi_3EmulatorPaid1001', { amount: 500, currency: 'eur', status: 'pending', reason: null, created: 1764050000 }),
  refund('re_3EmulatorPaid1001a', 'pi_3EmulatorPaid1001', { amount: 1000, currency: 'eur', status: 'succeeded', reason: 'requested_by_customer', created: 1764000000 }),
  // Order 1003: refunded in full.
  refund('re_3EmulatorRefunded1003b', 'pi_3EmulatorRefunded1003', { amount: 500, currency: 'usd', status: 'succeeded', reason: 'requested_by_customer', created: 1763760000 }),
  refund('re_3EmulatorRefunded1003a', 'pi_3EmulatorRefunded1003', { amount: 1500, currency: 'usd', status: 'succeeded', reason: 'fraudulent', created: 1763750000 }),
];
