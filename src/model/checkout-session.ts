import type { CheckoutSessionDetails, CheckoutTotalBreakdown } from './checkout-session-details.js';
import type { Money } from './money.js';
import type { PostalAddress } from './postal-address.js';
import type { RefundSummary } from './refund.js';
import type { FeesAndSettlement } from './settlement.js';

export type PaymentProvider = 'STRIPE' | 'CONVERGE_GATE';

export type CheckoutSessionStatus = 'OPEN' | 'PENDING' | 'COMPLETE' | 'EXPIRED' | 'UNKNOWN';
export type CheckoutPaymentStatus = 'PAID' | 'UNPAID' | 'NO_PAYMENT_REQUIRED' | 'UNKNOWN';
export type CheckoutMode = 'PAYMENT' | 'SETUP' | 'SUBSCRIPTION' | 'UNKNOWN';

export interface CheckoutCustomer {
  email: string | null;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  ipAddress: string | null;
  address: PostalAddress | null;
}

export interface CheckoutTotalDetails {
  amountDiscount: Money | null;
  amountShipping: Money | null;
  amountTax: Money | null;
  /** Per discount and per tax rate, when the provider broke the totals down. */
  breakdown: CheckoutTotalBreakdown | null;
}

export interface CheckoutShippingCost {
  amountSubtotal: Money | null;
  amountTax: Money | null;
  amountTotal: Money | null;
  shippingRateId: string | null;
}

/**
 * Where a session's money after checkout (its refunds, fees and settlement) is read: the
 * session body itself (refunds and fees alike); the session's payment intent (refunds listed
 * by `paymentIntentId`, none without one; fees and settlement in the session, read with its
 * `settlement` expansion); or, for a session paid through an invoice (a subscription's
 * first invoice), the invoice's payments. Whatever takes a call of its own is read only when
 * a query asks for it.
 */
export type PaymentSource =
  | { kind: 'session-body'; summary: RefundSummary }
  | { kind: 'payment-intent' }
  | { kind: 'invoice'; invoiceId: string };

/** A checkout session in provider-neutral terms: what every resolver reads. */
export interface CheckoutSession extends CheckoutSessionDetails {
  id: string;
  provider: PaymentProvider;
  livemode: boolean | null;
  status: CheckoutSessionStatus | null;
  paymentStatus: CheckoutPaymentStatus | null;
  mode: CheckoutMode | null;
  /** Upper-case ISO 4217 code. */
  currency: string | null;
  amountSubtotal: Money | null;
  amountTotal: Money | null;
  totalDetails: CheckoutTotalDetails | null;
  shippingCost: CheckoutShippingCost | null;
  customer: CheckoutCustomer | null;
  customerId: string | null;
  metadata: Record<string, string>;
  clientReferenceId: string | null;
  paymentIntentId: string | null;
  paymentMethodTypes: string[];
  locale: string | null;
  url: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  createdAt: Date | null;
  expiresAt: Date | null;
  /** When the provider was read for this answer: an answer from a copy is as old as this. */
  fetchedAt: Date;
  /**
   * Fees and discounts the provider applied, and what the payment settled to, as the session
   * itself reports them; for a session paid through an invoice, none: they are the invoice's.
   */
  feesAndSettlement: FeesAndSettlement;
  paymentSource: PaymentSource;
}
