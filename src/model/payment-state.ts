import type { CheckoutSession } from './checkout-session.js';

/**
 * What a page waiting on a payment watches: status, payment status and amounts. Two
 * sessions with the same key are the same news; anything else (a refund, a changed
 * address) is not a change a subscription reports.
 */
export function paymentStateKey(session: CheckoutSession): string {
  return JSON.stringify([
    session.status,
    session.paymentStatus,
    session.currency,
    session.amountSubtotal?.amount ?? null,
    session.amountTotal?.amount ?? null,
  ]);
}
