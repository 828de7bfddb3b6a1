// https://docs.stripe.com/currencies: amounts are in the currency's minor unit as Stripe
// defines it, which is not always ISO 4217's (ISK stays two-decimal in Stripe's API).
const zeroDecimal = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);
const threeDecimal = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** Digits after the decimal point of a Stripe amount in this (upper-case) currency. */
export function stripeMinorUnitDigits(currency: string): number {
  if (zeroDecimal.has(currency)) return 0;
  if (threeDecimal.has(currency)) return 3;
  return 2;
}
