import type { CheckoutFee } from './checkout-fee.js';
import type { Money } from './money.js';

/** What a payment put in the merchant's balance with the provider, in the balance's currency. */
export interface CheckoutSettlement {
  /** The payment as booked, before fees. */
  amount: Money;
  /** The provider's fees on it, in all. */
  fee: Money;
  /** What the merchant receives: `amount` less `fee`. */
  net: Money;
  /** When `net` can be paid out. */
  availableOn: Date | null;
}

/** A session's fees and what its payments settled to, as far as the provider has booked them. */
export interface FeesAndSettlement {
  fees: CheckoutFee[];
  /** Null when there is no payment, or none is booked yet. */
  settlement: CheckoutSettlement | null;
  /** True while a payment has been made but not booked yet: its fees are still to come, so this is no final answer. */
  pending: boolean;
}

export const noFeesAndSettlement: Readonly<FeesAndSettlement> = Object.freeze({ fees: [], settlement: null, pending: false });

/**
 * The fees and settlement of several payments (those of one invoice): every fee, and the
 * settlements added up when they share a currency, available once the last one is. Null
 * when there are none, or their currencies differ (a sum would mean nothing).
 */
export function combineFeesAndSettlements(parts: readonly FeesAndSettlement[]): FeesAndSettlement {
  const settlements = parts.flatMap((part) => (part.settlement ? [part.settlement] : []));
  return {
    fees: parts.flatMap((part) => part.fees),
    settlement: sumOfSettlements(settlements),
    pending: parts.some((part) => part.pending),
  };
}

function sumOfSettlements(settlements: readonly CheckoutSettlement[]): CheckoutSettlement | null {
  const [first, ...rest] = settlements;
  if (first === undefined) return null;
  if (rest.some((settlement) => settlement.amount.currency !== first.amount.currency)) return null;
  const add = (pick: (settlement: CheckoutSettlement) => Money): Money => ({
    ...pick(first),
    amount: settlements.reduce((sum, settlement) => sum + pick(settlement).amount, 0),
  });
  const availableOn = settlements.every((settlement) => settlement.availableOn !== null)
    ? new Date(Math.max(...settlements.map((settlement) => settlement.availableOn!.getTime())))
    : null;
  return { amount: add((settlement) => settlement.amount), fee: add((settlement) => settlement.fee), net: add((settlement) => settlement.net), availableOn };
}
