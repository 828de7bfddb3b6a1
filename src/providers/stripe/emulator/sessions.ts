import { stripeEverythingSession } from './full-session.js';
import type { StripeSessionJson } from './stripe-json.js';

/**
 * Stripe Checkout Sessions the emulator serves, as Stripe sends them (snake_case JSON).
 * The first is the example from Stripe's retrieve page, exactly as published in 2023:
 * older than the API version the subgraph pins (it still has `shipping_details`, and lacks
 * fields Stripe now always sends), it is the case of a tolerant reader.
 */
export const stripeSeedExampleId = 'cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u';

const publishedExample = {
  id: stripeSeedExampleId,
  object: 'checkout.session',
  after_expiration: null,
  allow_promotion_codes: null,
  amount_subtotal: 2198,
  amount_total: 2198,
  automatic_tax: { enabled: false, liability: null, status: null },
  billing_address_collection: null,
  cancel_url: null,
  client_reference_id: null,
  consent: null,
  consent_collection: null,
  created: 1679600215,
  currency: 'usd',
  custom_fields: [],
  custom_text: { shipping_address: null, submit: null },
  customer: null,
  customer_creation: 'if_required',
  customer_details: null,
  customer_email: null,
  expires_at: 1679686615,
  invoice: null,
  invoice_creation: {
    enabled: false,
    invoice_data: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: null,
      metadata: {},
      rendering_options: null,
    },
  },
  livemode: false,
  locale: null,
  metadata: {},
  mode: 'payment',
  payment_intent: null,
  payment_link: null,
  payment_method_collection: 'always',
  payment_method_options: {},
  payment_method_types: ['card'],
  payment_status: 'unpaid',
  phone_number_collection: { enabled: false },
  recovered_from: null,
  setup_intent: null,
  shipping_address_collection: null,
  shipping_cost: null,
  shipping_details: null,
  shipping_options: [],
  status: 'open',
  submit_type: null,
  subscription: null,
  success_url: 'https://example.com/success',
  total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
  url: 'https://checkout.stripe.com/c/pay/cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u#fidkdWxOYHwnPyd1blpxYHZxWjA0SDdPUW5JbmFMck1wMmx9N2BLZjFEfGRUNWhqTmJ%2FM2F8bUA2SDRySkFdUV81T1BSV0YxcWJcTUJcYW5rSzN3dzBLPUE0TzRKTTxzNFBjPWZEX1NKSkxpNTVjRjN8VHE0YicpJ2N3amhWYHdzYHcnP3F3cGApJ2lkfGpwcVF8dWAnPyd2bGtiaWBabHFgaCcpJ2BrZGdpYFVpZGZgbWppYWB3dic%2FcXdwYHgl',
};

/**
 * A session as Stripe's pinned API version (2026-07-29.dahlia) sends it: every field its
 * object always carries, those of a hosted card payment left at their defaults.
 */
export function stripeSession(id: string, fields: Partial<StripeSessionJson>): StripeSessionJson {
  return {
    id,
    object: 'checkout.session',
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: 2198,
    amount_total: 2198,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: null,
    client_reference_id: null,
    client_secret: `${id}_secret_emulator`,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: 1679600215,
    currency: 'usd',
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: null,
    customer_account: null,
    customer_creation: 'if_required',
    customer_details: null,
    customer_email: null,
    discounts: [],
    expires_at: 1679686615,
    integration_identifier: null,
    invoice: null,
    invoice_creation: {
      enabled: false,
      invoice_data: {
        account_tax_ids: null,
        custom_fields: null,
        description: null,
        footer: null,
        issuer: null,
        metadata: {},
        rendering_options: null,
      },
    },
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: {},
    mode: 'payment',
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'always',
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: 'https://example.com/success',
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted_page',
    url: null,
    wallet_options: null,
    ...fields,
  };
}

/** A completed, paid card payment with a customer, shipping and tax, three line items and three refunds, for order 1001. */
export const stripeCompletePaidId = 'cs_test_b1CompletePaidOrder1001aaaaaaaaaaaaaaaaaaaaaaaaaaaa';
/** An expired session, never paid, for order 1002. */
export const stripeExpiredId = 'cs_test_c1ExpiredSession00000000000000000000000000000000000';
/** A setup-mode session: no amounts, no currency, no metadata (all null). */
export const stripeSetupModeId = 'cs_test_d1SetupModeNullAmounts000000000000000000000000000';
/** A paid session in JPY whose amounts exceed 2^31; it pays no example order. */
export const stripeLargeAmountId = 'cs_test_e1LargeJpyAmount000000000000000000000000000000000';
/** A session with a status, payment status and mode Stripe has not released, and unknown fields. */
export const stripeFutureValuesId = 'cs_test_f1FutureEnumValues0000000000000000000000000000000';
/** A paid session whose payment was refunded in full, in two refunds, for order 1003. */
export const stripeFullyRefundedId = 'cs_test_g1FullyRefundedOrder1003000000000000000000000000';
/** A wholesale order of 120 line items, order 1004: more than one page at Stripe's largest page size. */
export const stripeBulkOrderId = 'cs_test_h1BulkOrder120LineItems00000000000000000000000000';
/** An open session for order 1006 whose id has underscores and hyphens: Stripe's ids are opaque and may take any such shape. */
export const stripeUnderscoreHyphenId = 'cs_test_j1_Order-1006_retry-2';

/** A session with a status, payment status and mode Stripe has not released, and a field it has not either. */
const futureValues = {
  ...stripeSession(stripeFutureValuesId, { payment_status: 'partially_paid', mode: 'installments', managed_payments: { enabled: true } }),
  status: 'reopened',
  brand_new_field: { nested: ['values', 1, null] },
} satisfies Omit<StripeSessionJson, 'status'> & { status: string; brand_new_field: unknown };

/** Every session the emulator serves; all but Stripe's published example typed as the pinned API version's. */
export const stripeSessions: ReadonlyArray<Record<string, unknown> & { id: string }> = [
  publishedExample,
  stripeSession(stripeCompletePaidId, {
    amount_subtotal: 4500,
    amount_total: 5210,
    client_reference_id: 'order_1001',
    created: 1763900000,
    expires_at: 1763986400,
    customer: 'cus_Emulator1001',
    customer_details: {
      address: { city: 'Berlin', country: 'DE', line1: 'Unter den Linden 1', line2: null, postal_code: '10117', state: null },
      business_name: null,
      email: 'jenny.rosen@example.com',
      individual_name: null,
      name: 'Jenny Rosen',
      phone: '+4930123456',
      tax_exempt: 'none',
      tax_ids: [],
    },
    currency: 'eur',
    locale: 'de',
    metadata: { order_id: 'order_1001', channel: 'web' },
    payment_intent: 'pi_3EmulatorPaid1001',
    payment_status: 'paid',
    shipping_cost: { amount_subtotal: 500, amount_tax: 95, amount_total: 595, shipping_rate: 'shr_EmulatorStandard', taxes: [] },
    status: 'complete',
    success_url: 'https://shop.example.com/orders/1001/thanks',
    cancel_url: 'https://shop.example.com/cart',
    total_details: { amount_discount: 0, amount_shipping: 500, amount_tax: 210 },
  }),
  stripeSession(stripeExpiredId, {
    created: 1763800000,
    expires_at: 1763886400,
    client_reference_id: 'order_1002',
    status: 'expired',
    payment_status: 'unpaid',
  }),
  stripeSession(stripeSetupModeId, {
    amount_subtotal: null,
    amount_total: null,
    currency: null,
    metadata: null,
    mode: 'setup',
    payment_status: 'no_payment_required',
    payment_method_types: ['card', 'sepa_debit'],
    setup_intent: 'seti_EmulatorSetup',
    status: 'complete',
    total_details: null,
  }),
  stripeSession(stripeLargeAmountId, {
    amount_subtotal: 5_000_000_000,
    amount_total: 5_500_000_000,
    currency: 'jpy',
    payment_intent: 'pi_3EmulatorLargeJpy',
    payment_status: 'paid',
    status: 'complete',
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 500_000_000 },
  }),
  stripeSession(stripeFullyRefundedId, {
    amount_subtotal: 2000,
    amount_total: 2000,
    client_reference_id: 'order_1003',
    created: 1763700000,
    expires_at: 1763786400,
    payment_intent: 'pi_3EmulatorRefunded1003',
    payment_status: 'paid',
    status: 'complete',
  }),
  stripeSession(stripeBulkOrderId, {
    amount_subtotal: 120 * 250,
    amount_total: 120 * 250,
    client_reference_id: 'order_1004',
    currency: 'eur',
    payment_intent: 'pi_3EmulatorBulk1004',
    payment_status: 'paid',
    status: 'complete',
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
  }),
  futureValues,
  stripeSession(stripeUnderscoreHyphenId, {
    client_reference_id: 'order_1006',
    amount_subtotal: 1800,
    amount_total: 1800,
    currency: 'gbp',
    created: 1764000000,
    expires_at: 1764086400,
  }),
  stripeEverythingSession,
];
