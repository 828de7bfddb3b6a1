import type { Money } from './money.js';

/** A fee or discount a provider applied to a session, as far as the provider described it. */
export interface CheckoutFee {
  type: string | null;
  /** The fee's description, or its name when that is all the provider gave. */
  description: string | null;
  amount: Money | null;
}
