import type { PostalAddress } from '../../model/postal-address.js';
import type { Money } from '../../model/money.js';
import { warnOnce } from '../../logger.js';
import { stripeMinorUnitDigits } from './currency.js';

// Small readers of Stripe's recurring value shapes, shared by the mappers.

export function reportUnknown(field: string) {
  return (value: string) =>
    warnOnce(`stripe.${field}.${value}`, { provider: 'STRIPE', field, value }, 'unknown enum value mapped to UNKNOWN');
}

export function moneyIn(wireCurrency: string | null | undefined): (amount: number | null | undefined) => Money | null {
  const currency = wireCurrency ? wireCurrency.toUpperCase() : null;
  return (amount) =>
    amount === null || amount === undefined || currency === null
      ? null
      : { amount, currency, minorUnitDigits: stripeMinorUnitDigits(currency) };
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

export function fromUnixSeconds(seconds: number | null | undefined): Date | null {
  return seconds === null || seconds === undefined ? null : new Date(seconds * 1000);
}
