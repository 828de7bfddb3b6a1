import type { Money } from '../../model/money.js';
import type { PostalAddress } from '../../model/postal-address.js';
import { moneyIn as moneyInCurrency } from '../wire-readers.js';
import { stripeMinorUnitDigits } from './currency.js';

// Small readers of Stripe's recurring value shapes, shared by the mappers.

/** Amounts in `wireCurrency` (Stripe spells it in lower case), with Stripe's digits for it. */
export function moneyIn(wireCurrency: string | null | undefined): (amount: number | null | undefined) => Money | null {
  return moneyInCurrency(wireCurrency ? wireCurrency.toUpperCase() : null, stripeMinorUnitDigits);
}

/** An expandable reference: the id string, or the expanded object's id. */
export function idOf(reference: string | { id: string } | null | undefined): string | null {
  if (reference === null || reference === undefined) return null;
  return typeof reference === 'string' ? reference : reference.id;
}

interface StripeWireAddress {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  postal_code?: string | null;
  country?: string | null;
}

export function toPostalAddress(address: StripeWireAddress | null | undefined): PostalAddress | null {
  if (!address) return null;
  return {
    line1: address.line1 ?? null,
    line2: address.line2 ?? null,
    city: address.city ?? null,
    state: address.state ?? null,
    postalCode: address.postal_code ?? null,
    country: address.country ?? null,
  };
}
