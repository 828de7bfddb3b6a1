import type { CheckoutFee } from '../../model/checkout-fee.js';
import { noFeesAndSettlement, type FeesAndSettlement } from '../../model/settlement.js';
import { fromUnixSeconds } from '../wire-readers.js';
import { moneyIn } from './value-readers.js';
import type { StripeWirePaymentIntent } from './wire.js';

type WireCharge = Exclude<NonNullable<StripeWirePaymentIntent['latest_charge']>, string>;
type WireBalanceTransaction = Exclude<NonNullable<WireCharge['balance_transaction']>, string>;

/**
 * A payment's fees and settlement, from its payment intent read with
 * `latest_charge.balance_transaction`: the balance transaction's fee details and amounts.
 * A charge not booked yet (pending, its balance transaction not there) is `pending`; an id
 * where an object was asked for, a failed charge or no charge at all has none.
 */
export function toFeesAndSettlement(paymentIntent: StripeWirePaymentIntent | string | null | undefined): FeesAndSettlement {
  const charge = typeof paymentIntent === 'object' ? paymentIntent?.latest_charge : undefined;
  if (!charge || typeof charge === 'string') return noFeesAndSettlement;
  const booked = charge.balance_transaction;
  if (!booked || typeof booked === 'string') return { ...noFeesAndSettlement, pending: !booked && charge.status !== 'failed' };
  return { fees: booked.fee_details.map(toFee), settlement: toSettlement(booked), pending: false };
}

function toFee(detail: WireBalanceTransaction['fee_details'][number]): CheckoutFee {
  return { type: detail.type, description: detail.description ?? null, amount: moneyIn(detail.currency)(detail.amount) };
}

function toSettlement(booked: WireBalanceTransaction): NonNullable<FeesAndSettlement['settlement']> {
  const money = moneyIn(booked.currency);
  return {
    amount: money(booked.amount)!,
    fee: money(booked.fee)!,
    net: money(booked.net)!,
    availableOn: fromUnixSeconds(booked.available_on),
  };
}
