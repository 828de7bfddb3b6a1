import currencyCodes from 'currency-codes';

/** ISO 4217 minor-unit digits; 2 for a code the standard does not list. */
export function isoMinorUnitDigits(currency: string): number {
  return currencyCodes.code(currency.toUpperCase())?.digits ?? 2;
}
