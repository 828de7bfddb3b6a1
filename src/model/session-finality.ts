import type { CheckoutPaymentStatus, CheckoutSession } from './checkout-session.js';

const settledPaymentStatuses: ReadonlySet<CheckoutPaymentStatus | null> = new Set(['PAID', 'NO_PAYMENT_REQUIRED']);

/**
 * A session is final once its data can no longer change: expired, or complete with the
 * payment settled. A complete but unpaid session is an async payment (a bank debit) still
 * under way, and a payment status new to us proves nothing.
 */
export function isFinalSession(session: Pick<CheckoutSession, 'status' | 'paymentStatus'>): boolean {
  if (session.status === 'EXPIRED') return true;
  return session.status === 'COMPLETE' && settledPaymentStatuses.has(session.paymentStatus);
}
