import { describe, expect, it } from 'vitest';
import type { Money } from '../../../src/model/money.js';
import { summarizeRefunds, type Refund, type RefundStatus } from '../../../src/model/refund.js';

const eur = (amount: number): Money => ({ amount, currency: 'EUR', minorUnitDigits: 2 });
const refund = (amount: Money, status: RefundStatus | null): Refund => ({
  id: `re_${amount.amount}_${status}`,
  amount,
  status,
  reason: null,
  createdAt: null,
});

describe('summarizeRefunds', () => {
  it.each([
    ['no refunds', [], 0, false],
    ['one succeeded partial refund', [refund(eur(400), 'SUCCEEDED')], 400, false],
    ['pending, failed and canceled refunds, which do not count', [refund(eur(1000), 'PENDING'), refund(eur(1000), 'FAILED'), refund(eur(1000), 'CANCELED')], 0, false],
    ['succeeded refunds that reach the total', [refund(eur(600), 'SUCCEEDED'), refund(eur(400), 'SUCCEEDED')], 1000, true],
    ['a refund in another currency, which does not count', [refund({ amount: 1000, currency: 'USD', minorUnitDigits: 2 }, 'SUCCEEDED')], 0, false],
    ['a refund of unknown status, which does not count', [refund(eur(1000), 'UNKNOWN')], 0, false],
  ])('totals %s against a 10.00 EUR session', (_case, refunds, amountRefunded, refunded) => {
    expect(summarizeRefunds(refunds, eur(1000))).toEqual({ refunds, amountRefunded: eur(amountRefunded), refunded });
  });

  it('never calls a session with a zero total refunded', () => {
    expect(summarizeRefunds([], eur(0)).refunded).toBe(false);
  });

  it('cannot total refunds of a session without a total', () => {
    const refunds = [refund(eur(100), 'SUCCEEDED')];
    expect(summarizeRefunds(refunds, null)).toEqual({ refunds, amountRefunded: null, refunded: null });
  });
});
