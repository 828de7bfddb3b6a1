import type { Money } from './money.js';

/** One line of what a checkout session sold. */
export interface CheckoutLineItem {
  id: string;
  description: string | null;
  quantity: number | null;
  amountSubtotal: Money | null;
  amountTotal: Money | null;
  amountTax: Money | null;
  amountDiscount: Money | null;
  priceId: string | null;
}
