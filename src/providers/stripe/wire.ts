import { z } from 'zod';

// Stripe's JSON as it arrives. Every field but the identity is nullish: real bodies carry
// nulls the examples do not, and fields not listed here pass through unread.

const amount = z.number().int().nullish();
const text = z.string().nullish();

const stripeAddress = z.object({
  line1: text,
  line2: text,
  city: text,
  state: text,
  postal_code: text,
  country: text,
});

const expandable = z.union([z.string(), z.object({ id: z.string() })]).nullish();

export const stripeWireSession = z.object({
  id: z.string(),
  object: z.literal('checkout.session'),
  livemode: z.boolean().nullish(),
  status: text,
  payment_status: text,
  mode: text,
  currency: text,
  amount_subtotal: amount,
  amount_total: amount,
  total_details: z
    .object({ amount_discount: amount, amount_shipping: amount, amount_tax: amount })
    .nullish(),
  shipping_cost: z
    .object({ amount_subtotal: amount, amount_tax: amount, amount_total: amount, shipping_rate: expandable })
    .nullish(),
  customer: expandable,
  customer_email: text,
  customer_details: z
    .object({
      email: text,
      name: text,
      individual_name: text,
      business_name: text,
      phone: text,
      address: stripeAddress.nullish(),
    })
    .nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  client_reference_id: text,
  payment_intent: expandable,
  payment_method_types: z.array(z.string()).nullish(),
  locale: text,
  url: text,
  success_url: text,
  cancel_url: text,
  created: z.number().int().nullish(),
  expires_at: z.number().int().nullish(),
});

export type StripeWireSession = z.infer<typeof stripeWireSession>;

/** Stripe's error body: `{"error": {"type": ..., "code": ..., "message": ...}}`. */
export const stripeWireError = z.object({
  error: z.object({ type: z.string().optional(), code: z.string().optional(), message: z.string().optional() }),
});
