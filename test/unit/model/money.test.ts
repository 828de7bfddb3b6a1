import { describe, expect, it } from 'vitest';
import { isoMinorUnitDigits } from '../../../src/model/iso-currency.js';
import { formatDecimal } from '../../../src/model/money.js';
import { stripeMinorUnitDigits } from '../../../src/providers/stripe/currency.js';

describe('formatDecimal', () => {
  it.each([
    [2198, 2, '21.98'],
    [5000, 0, '5000'],
    [5, 2, '0.05'],
    [0, 2, '0.00'],
    [1230, 3, '1.230'],
    [-5, 2, '-0.05'],
    [9_007_199_254_740_991, 2, '90071992547409.91'],
  ])('writes %d with %d decimals as %s', (amount, digits, expected) => {
    expect(formatDecimal(amount, digits)).toBe(expected);
  });
});

describe('minor units', () => {
  it.each([
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['ISK', 2],
    ['UGX', 0],
    ['HUF', 2],
  ])('Stripe counts %s with %d decimals', (currency, digits) => {
    expect(stripeMinorUnitDigits(currency)).toBe(digits);
  });

  it.each([
    ['PLN', 2],
    ['JPY', 0],
    ['ISK', 0],
    ['KWD', 3],
    ['CLF', 4],
  ])('ISO 4217 counts %s with %d decimals', (currency, digits) => {
    expect(isoMinorUnitDigits(currency)).toBe(digits);
  });
});
