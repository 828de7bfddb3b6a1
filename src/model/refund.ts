import type { Money } from './money.js';

export type RefundStatus = 'PENDING' | 'REQUIRES_ACTION' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'UNKNOWN';
export type RefundReason = 'DUPLICATE' | 'FRAUDULENT' | 'REQUESTED_BY_CUSTOMER' | 'EXPIRED_UNCAPTURED_CHARGE' | 'UNKNOWN';

export interface Refund {
  id: string;
  amount: Money;
  status: RefundStatus | null;
  reason: RefundReason | null;
  createdAt: Date | null;
}

/** A session's refunds with their total; each part is null when the provider did not say. */
export interface RefundSummary {
  refunds: Refund[] | null;
  amountRefunded: Money | null;
  /** True once the refunded amount reaches the session's total. */
  refunded: boolean | null;
}

/**
 * Totals a payment's refunds against the session's total, for providers that list refunds
 * without a total: only succeeded refunds in the session's currency count.
 */
export function summarizeRefunds(refunds: Refund[], amountTotal: Money | null): RefundSummary {
  if (amountTotal === null) return { refunds, amountRefunded: null, refunded: null };
  const succeeded = refunds.filter(
    (refund) => refund.status === 'SUCCEEDED' && refund.amount.currency === amountTotal.currency,
  );
  const amount = succeeded.reduce((sum, refund) => sum + refund.amount.amount, 0);
  return {
    refunds,
    amountRefunded: { ...amountTotal, amount },
    refunded: amountTotal.amount > 0 && amount >= amountTotal.amount,
  };
}
