import type { CheckoutFee } from './checkout-fee.js';
import type { CheckoutSessionDetails, CheckoutTotalBreakdown } from './checkout-session-details.js';
import type { Money } from './money.js';
import type { PostalAddress } from './postal-address.js';
import type { RefundSummary } from './refund.js';

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
 * Where a session's refunds come from: the session body itself, or the provider's list of
 * refunds of the session's payment intent, fetched only when a query asks for them.
 */
export type RefundSource = { kind: 'session-body'; summary: RefundSummary } | { kind: 'payment-intent' };

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
  /** Fees and discounts the provider applied; empty when it reports none. */
  fees: CheckoutFee[];
  refundSource: RefundSource;
}
