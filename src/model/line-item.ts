import type { CheckoutDiscountAmount, CheckoutTaxAmount } from './checkout-session-details.js';
import type { Money } from './money.js';

/**
 * One line of what a checkout session sold. Its product's name, taxes and discounts are
 * null unless the read asked the provider for them.
 */
export interface CheckoutLineItem {
  id: string;
  description: string | null;
  quantity: number | null;
  amountSubtotal: Money | null;
  amountTotal: Money | null;
  amountTax: Money | null;
  amountDiscount: Money | null;
  priceId: string | null;
  /** The price of one unit; null for a price that is not per unit (tiered) or that the provider did not give. */
  unitAmount: Money | null;
  productId: string | null;
  productName: string | null;
  taxes: CheckoutTaxAmount[] | null;
  discounts: CheckoutDiscountAmount[] | null;
}
