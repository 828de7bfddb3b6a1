import { z } from 'zod';
import type { WireWarnings } from '../wire-readers.js';

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
const flag = z.boolean().nullish();
const count = z.number().int().nullish();
const metadata = z.record(z.string(), z.string()).nullish();
const enabledSetting = z.object({ enabled: z.boolean() });
const liability = z.object({ type: text, account: expandable });
const brandingImage = z.object({ type: text, file: expandable, url: text });
const customText = z.object({ message: z.string() }).nullish();
const inputLimits = { maximum_length: count, minimum_length: count, value: text };

/** A part of the session that only some consumers read: when Stripe changes its shape, it becomes null instead of failing the whole session. */
type Tolerant = <Schema extends z.ZodType>(field: string, schema: Schema) => z.ZodCatch<z.ZodOptional<z.ZodNullable<Schema>>>;

/** Tolerant parts whose unreadable shape `warnings` logs once per field. */
function tolerantWarningTo(warnings: WireWarnings): Tolerant {
  return (field, schema) =>
    schema.nullish().catch((context) => {
      const issue = context.issues[0];
      warnings.warn(`unreadable.${field}`, { field, at: issue?.path?.join('.'), problem: issue?.message }, 'unreadable optional session field left out');
      return null;
    });
}

const taxBreakdown = z.object({
  amount: z.number().int(),
  rate: z.union([
    z.string(),
    z.object({
      id: z.string(),
      display_name: text,
      percentage: z.number().nullish(),
      inclusive: flag,
      country: text,
      jurisdiction: text,
    }),
  ]),
  taxability_reason: text,
  taxable_amount: amount,
});

/**
 * A discount object. Its coupon is at `source.coupon` since 2025-09-30 (clover), and at
 * `coupon` in events rendered in an older API version: both are read.
 */
const discountObject = z.object({
  id: z.string(),
  source: z.object({ coupon: expandable }).nullish(),
  coupon: expandable,
  promotion_code: expandable,
});

const discountBreakdown = z.object({
  amount: z.number().int(),
  discount: z.union([z.string(), discountObject]),
});

/** The balance transaction of a charge: what the payment put in the balance, and the fees Stripe took from it. */
const balanceTransaction = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: z.string().min(1),
  fee: z.number().int(),
  fee_details: z.array(z.object({ amount: z.number().int(), currency: z.string().min(1), description: text, type: z.string() })),
  net: z.number().int(),
  available_on: z.number().int().nullish(),
});

const charge = z.object({
  id: z.string(),
  status: text,
  balance_transaction: z.union([z.string(), balanceTransaction]).nullish(),
});

/**
 * Stripe's objects as the client reads them: the session as `session` reads it on every
 * retrieve and `details` when a query first asks for one of them, a payment intent with
 * its charge's balance transaction, and a line item. Their tolerant parts tell `warnings`
 * when Stripe changes a shape.
 */
export function stripeWireSchemas(warnings: WireWarnings) {
  const tolerant = tolerantWarningTo(warnings);

  /** A payment intent, its latest charge expanded with its balance transaction (`latest_charge.balance_transaction`). */
  const paymentIntent = z.object({
    id: z.string(),
    latest_charge: tolerant('payment_intent.latest_charge', z.union([z.string(), charge])),
  });

  /**
   * The settings, consents and collected details of a session, each read tolerantly. They
   * are read only when a query first asks for one of them (see `toCheckoutSession`).
   */
  const details = z.object({
    adaptive_pricing: tolerant('adaptive_pricing', enabledSetting),
    after_expiration: tolerant(
      'after_expiration',
      z.object({
        recovery: z
          .object({ enabled: z.boolean(), allow_promotion_codes: flag, expires_at: count, url: text })
          .nullish(),
      }),
    ),
    allow_promotion_codes: tolerant('allow_promotion_codes', z.boolean()),
    automatic_tax: tolerant('automatic_tax', z.object({ enabled: z.boolean(), liability: liability.nullish(), status: text })),
    billing_address_collection: tolerant('billing_address_collection', z.string()),
    branding_settings: tolerant(
      'branding_settings',
      z.object({
        background_color: text,
        border_style: text,
        button_color: text,
        display_name: text,
        font_family: text,
        icon: brandingImage.nullish(),
        logo: brandingImage.nullish(),
      }),
    ),
    collected_information: tolerant(
      'collected_information',
      z.object({
        business_name: text,
        individual_name: text,
        shipping_details: z.object({ name: text, address: stripeAddress.nullish() }).nullish(),
      }),
    ),
    consent: tolerant('consent', z.object({ promotions: text, terms_of_service: text })),
    consent_collection: tolerant(
      'consent_collection',
      z.object({
        payment_method_reuse_agreement: z.object({ position: text }).nullish(),
        promotions: text,
        terms_of_service: text,
      }),
    ),
    currency_conversion: tolerant(
      'currency_conversion',
      z.object({ amount_subtotal: amount, amount_total: amount, fx_rate: text, source_currency: text }),
    ),
    custom_fields: tolerant(
      'custom_fields',
      z.array(
        z.object({
          key: z.string(),
          type: text,
          optional: flag,
          label: z.object({ custom: text, type: text }).nullish(),
          dropdown: z
            .object({ options: z.array(z.object({ label: z.string(), value: z.string() })).nullish(), value: text })
            .nullish(),
          numeric: z.object(inputLimits).nullish(),
          text: z.object(inputLimits).nullish(),
        }),
      ),
    ),
    custom_text: tolerant(
      'custom_text',
      z.object({
        after_submit: customText,
        shipping_address: customText,
        submit: customText,
        terms_of_service_acceptance: customText,
      }),
    ),
    customer_account: tolerant('customer_account', z.string()),
    customer_creation: tolerant('customer_creation', z.string()),
    discounts: tolerant(
      'discounts',
      z.array(z.object({ coupon: expandable, promotion_code: expandable, source: z.object({ coupon: expandable }).nullish() })),
    ),
    excluded_payment_method_types: tolerant('excluded_payment_method_types', z.array(z.string())),
    integration_identifier: tolerant('integration_identifier', z.string()),
    invoice: tolerant('invoice', expandable),
    invoice_creation: tolerant(
      'invoice_creation',
      z.object({
        enabled: z.boolean(),
        invoice_data: z
          .object({
            account_tax_ids: z.array(z.union([z.string(), z.object({ id: z.string() })])).nullish(),
            custom_fields: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
            description: text,
            footer: text,
            issuer: liability.nullish(),
            metadata,
            rendering_options: z.object({ amount_tax_display: text }).nullish(),
          })
          .nullish(),
      }),
    ),
    managed_payments: tolerant('managed_payments', enabledSetting),
    name_collection: tolerant(
      'name_collection',
      z.object({
        business: z.object({ enabled: z.boolean(), optional: flag }).nullish(),
        individual: z.object({ enabled: z.boolean(), optional: flag }).nullish(),
      }),
    ),
    optional_items: tolerant(
      'optional_items',
      z.array(
        z.object({
          price: expandable,
          quantity: count,
          adjustable_quantity: z.object({ enabled: z.boolean(), maximum: count, minimum: count }).nullish(),
        }),
      ),
    ),
    origin_context: tolerant('origin_context', z.string()),
    payment_link: tolerant('payment_link', expandable),
    payment_method_collection: tolerant('payment_method_collection', z.string()),
    payment_method_configuration_details: tolerant(
      'payment_method_configuration_details',
      z.object({ id: z.string(), parent: text }),
    ),
    payment_method_options: tolerant('payment_method_options', z.record(z.string(), z.unknown())),
    permissions: tolerant('permissions', z.object({ update_shipping_details: text })),
    phone_number_collection: tolerant('phone_number_collection', enabledSetting),
    presentment_details: tolerant(
      'presentment_details',
      z.object({ presentment_amount: amount, presentment_currency: text }),
    ),
    recovered_from: tolerant('recovered_from', z.string()),
    redirect_on_completion: tolerant('redirect_on_completion', z.string()),
    return_url: tolerant('return_url', z.string()),
    saved_payment_method_options: tolerant(
      'saved_payment_method_options',
      z.object({
        allow_redisplay_filters: z.array(z.string()).nullish(),
        payment_method_remove: text,
        payment_method_save: text,
      }),
    ),
    setup_intent: tolerant('setup_intent', expandable),
    shipping_address_collection: tolerant(
      'shipping_address_collection',
      z.object({ allowed_countries: z.array(z.string()) }),
    ),
    shipping_options: tolerant(
      'shipping_options',
      z.array(z.object({ shipping_amount: amount, shipping_rate: expandable })),
    ),
    submit_type: tolerant('submit_type', z.string()),
    subscription: tolerant('subscription', expandable),
    tax_id_collection: tolerant('tax_id_collection', z.object({ enabled: z.boolean(), required: text })),
    ui_mode: tolerant('ui_mode', z.string()),
    wallet_options: tolerant('wallet_options', z.object({ link: z.object({ display: text }).nullish() })),
  });

  /** The core of a session, read strictly on every retrieve: what identifies it, its state, amounts, customer and dates. */
  const session = z.object({
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
      .object({
        amount_discount: amount,
        amount_shipping: amount,
        amount_tax: amount,
        breakdown: tolerant(
          'total_details.breakdown',
          z.object({ discounts: z.array(discountBreakdown), taxes: z.array(taxBreakdown) }),
        ),
      })
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
        tax_exempt: text,
        tax_ids: tolerant('customer_details.tax_ids', z.array(z.object({ type: z.string(), value: text }))),
      })
      .nullish(),
    metadata,
    client_reference_id: text,
    payment_intent: z.union([z.string(), paymentIntent]).nullish(),
    invoice: expandable,
    payment_method_types: z.array(z.string()).nullish(),
    locale: text,
    url: text,
    success_url: text,
    cancel_url: text,
    created: z.number().int().nullish(),
    expires_at: z.number().int().nullish(),
  });

  const lineItem = z.object({
    id: z.string(),
    object: z.literal('item'),
    description: text,
    quantity: z.number().int().nullish(),
    currency: text,
    amount_subtotal: amount,
    amount_total: amount,
    amount_tax: amount,
    amount_discount: amount,
    price: z
      .union([
        z.string(),
        z.object({
          id: z.string(),
          unit_amount: amount,
          product: tolerant('line_items.price.product', z.union([z.string(), z.object({ id: z.string(), name: text })])),
        }),
      ])
      .nullish(),
    taxes: tolerant('line_items.taxes', z.array(taxBreakdown)),
    discounts: tolerant('line_items.discounts', z.array(discountBreakdown)),
  });

  return { session, details, paymentIntent, lineItem };
}

export type StripeWireSchemas = ReturnType<typeof stripeWireSchemas>;
export type StripeWireSession = z.infer<StripeWireSchemas['session']>;
export type StripeWireSessionDetails = z.infer<StripeWireSchemas['details']>;
export type StripeWirePaymentIntent = z.infer<StripeWireSchemas['paymentIntent']>;
export type StripeWireLineItem = z.infer<StripeWireSchemas['lineItem']>;
export type StripeWireBreakdownDiscount = z.infer<typeof discountBreakdown>;
export type StripeWireTax = z.infer<typeof taxBreakdown>;

/** Stripe's error body: `{"error": {"type": ..., "code": ..., "message": ..., "param": ..., "doc_url": ...}}`. */
export const stripeWireError = z.object({
  error: z.object({
    type: z.string().optional(),
    code: z.string().optional(),
    message: z.string().optional(),
    param: z.string().optional(),
  }),
});

/** A page of a Stripe list: `{object: "list", data: [...], has_more, url}`. */
export function stripeWireList<Item extends z.ZodType>(item: Item) {
  return z.object({ object: z.literal('list'), data: z.array(item), has_more: z.boolean() });
}

export const stripeWireRefund = z.object({
  id: z.string(),
  object: z.literal('refund'),
  amount: z.number().int(),
  currency: z.string(),
  status: text,
  reason: text,
  created: z.number().int().nullish(),
});

export type StripeWireRefund = z.infer<typeof stripeWireRefund>;

/** A payment on an invoice: what it is (`type`) and, for a payment intent, which. */
export const stripeWireInvoicePayment = z.object({
  id: z.string(),
  object: z.literal('invoice_payment'),
  status: text,
  payment: z.object({ type: text, payment_intent: expandable }).nullish(),
});

export type StripeWireInvoicePayment = z.infer<typeof stripeWireInvoicePayment>;
