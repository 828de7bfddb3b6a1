import { describe, expect, it } from 'vitest';
import { combineFeesAndSettlements, type FeesAndSettlement } from '../../../src/model/settlement.js';

const eur = (amount: number) => ({ amount, currency: 'EUR', minorUnitDigits: 2 });
const booked = (amount: number, fee: number, availableOn: string, currency = eur): FeesAndSettlement => ({
  fees: [{ type: 'stripe_fee', description: 'Stripe processing fees', amount: currency(fee) }],
  settlement: { amount: currency(amount), fee: currency(fee), net: currency(amount - fee), availableOn: new Date(availableOn) },
  pending: false,
});

describe("the fees and settlement of an invoice's payments together", () => {
  it('lists every fee and adds the settlements up, available once the last one is', () => {
    expect(combineFeesAndSettlements([booked(6000, 115, '2025-12-01T00:00:00Z'), booked(4000, 85, '2025-12-02T00:00:00Z')])).toEqual({
      fees: [
        { type: 'stripe_fee', description: 'Stripe processing fees', amount: eur(115) },
        { type: 'stripe_fee', description: 'Stripe processing fees', amount: eur(85) },
      ],
      settlement: { amount: eur(10000), fee: eur(200), net: eur(9800), availableOn: new Date('2025-12-02T00:00:00Z') },
      pending: false,
    });
  });

  it('is pending while any payment is, and adds up those already booked', () => {
    const combined = combineFeesAndSettlements([booked(6000, 115, '2025-12-01T00:00:00Z'), { fees: [], settlement: null, pending: true }]);
    expect(combined).toMatchObject({ settlement: { net: eur(5885) }, pending: true });
  });

  it('has no settlement when the payments were booked in different currencies, or for no payment at all', () => {
    const usd = (amount: number) => ({ amount, currency: 'USD', minorUnitDigits: 2 });
    expect(combineFeesAndSettlements([booked(6000, 115, '2025-12-01T00:00:00Z'), booked(4000, 85, '2025-12-02T00:00:00Z', usd)]).settlement).toBeNull();
    expect(combineFeesAndSettlements([])).toEqual({ fees: [], settlement: null, pending: false });
  });
});
