/** An amount in a currency's minor unit, with the number of decimals that unit has. */
export interface Money {
  amount: number;
  /** Upper-case ISO 4217 code. */
  currency: string;
  /** Digits after the decimal point in the provider's convention for this currency. */
  minorUnitDigits: number;
}

/** `2198` with 2 digits → `"21.98"`; `5000` with 0 digits → `"5000"`; `-5` with 2 → `"-0.05"`. */
export function formatDecimal(amount: number, minorUnitDigits: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${amount} is not a safe integer`);
  const sign = amount < 0 ? '-' : '';
  const digits = Math.abs(amount).toString();
  if (minorUnitDigits === 0) return sign + digits;
  const padded = digits.padStart(minorUnitDigits + 1, '0');
  return `${sign}${padded.slice(0, -minorUnitDigits)}.${padded.slice(-minorUnitDigits)}`;
}
