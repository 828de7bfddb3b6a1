import type Stripe from 'stripe';
import type { WireObject } from '../../emulated-provider.js';

/**
 * One of stripe-node's types as its JSON travels. The types describe objects as the SDK
 * hands them over, after it has turned decimal strings (`fx_rate`, `unit_amount_decimal`)
 * into its own `Decimal` class; on the wire, what the emulator sends, they are strings.
 */
export type StripeJson<Type> = Type extends Stripe.Decimal
  ? string
  : Type extends ReadonlyArray<infer Item>
    ? StripeJson<Item>[]
    : Type extends object
      ? { [Key in keyof Type]: StripeJson<Type[Key]> }
      : Type;

export type StripeSessionJson = StripeJson<Stripe.Checkout.Session>;
export type StripeLineItemJson = StripeJson<Stripe.LineItem>;

/** A typed Stripe object as the emulator keeps it: JSON under its id (an SDK interface has no index signature to say so). */
export function wireObject(object: { id: string; object: string }): WireObject {
  return object as unknown as WireObject;
}
