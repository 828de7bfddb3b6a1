import { z } from 'zod';

// Converge Gate's JSON as it arrives. Its documentation's table and examples disagree on
// several names, so both spellings are read; every field is nullish, fields not listed
// pass through unread, and `fees`, `refunds` and `metadata` are read item by item in map.ts.

const amount = z.number().int().nullish();
const text = z.string().nullish();
const unixSeconds = z.number().int().nullish();

export const convergeGateWireSession = z.object({
  /** Not trusted: the documentation's own example answers with a different id. */
  id: z.string(),
  livemode: z.boolean().nullish(),
  status: text,
  currency: text,
  amount_total: amount,
  amount_subtotal: amount,
  amount_sub_total: amount,
  amount_refunded: amount,
  refunded: z.boolean().nullish(),
  customer_firstname: text,
  customer_lastname: text,
  customer_email: text,
  customer_ip: text,
  customer_phone: text,
  /** Read value by value in map.ts: a nested value is left out, not the session. */
  metadata: z.record(z.string(), z.unknown()).nullish(),
  payment_method_types: z.array(z.string()).nullish(),
  locale: text,
  url: text,
  success_url: text,
  cancel_url: text,
  created_at: unixSeconds,
  created: unixSeconds,
  expires_at: unixSeconds,
  expire_at: unixSeconds,
  fees: z.unknown().optional(),
  refunds: z.unknown().optional(),
});

export type ConvergeGateWireSession = z.infer<typeof convergeGateWireSession>;

export const convergeGateWireRefund = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: text,
  status: text,
  reason: text,
  created_at: unixSeconds,
  created: unixSeconds,
});

export type ConvergeGateWireRefund = z.infer<typeof convergeGateWireRefund>;

/** The fee object is undocumented: each part is read on its own and kept only when it has the expected type. */
export const convergeGateWireFee = z.object({
  amount: z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]).optional().catch(undefined),
  currency: z.string().optional().catch(undefined),
  type: z.string().optional().catch(undefined),
  name: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
});

/** The error object, whether or not it comes wrapped in `{"error": ...}`. */
const convergeGateErrorObject = z.object({ type: z.string(), message: z.string().optional().catch(undefined) });

export const convergeGateWireError = z.union([
  z.object({ error: convergeGateErrorObject }).transform((body) => body.error),
  convergeGateErrorObject,
]);
