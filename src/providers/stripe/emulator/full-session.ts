import type Stripe from 'stripe';
import type { StripeJson, StripeSessionJson } from './stripe-json.js';

/**
 * A completed subscription-mode session with every optional part filled in, as Stripe's
 * pinned API version (2026-07-29.dahlia) returns it with `expand[]=total_details.breakdown`
 * (the emulator sends that only when asked), for order 1005. A subscription is paid through
 * its invoice, so `payment_intent` is null: the money is on the invoice's payment.
 */
export const stripeEverythingId = 'cs_test_i1EverySettingFilledIn0000000000000000000000000000';

/** The 19% German VAT rate of order 1005, on its total and on each of its lines. */
export const stripeEverythingTaxRate: StripeJson<Stripe.TaxRate> = {
  id: 'txr_1EmulatorDE19',
  object: 'tax_rate',
  active: true,
  country: 'DE',
  created: 1763000000,
  description: null,
  display_name: 'USt.',
  effective_percentage: 19,
  flat_amount: null,
  inclusive: false,
  jurisdiction: 'DE',
  jurisdiction_level: 'country',
  livemode: false,
  metadata: {},
  percentage: 19,
  rate_type: 'percentage',
  state: null,
  tax_type: 'vat',
};

/** Order 1005's spring coupon, as its discount object (since 2025-09-30, clover, the coupon is at `source.coupon`). */
export const stripeEverythingDiscount: StripeJson<Stripe.Discount> = {
  id: 'di_1EmulatorSpring',
  object: 'discount',
  checkout_session: stripeEverythingId,
  customer: 'cus_EmulatorEverything',
  customer_account: null,
  end: null,
  invoice: null,
  invoice_item: null,
  promotion_code: 'promo_1EmulatorSpring',
  source: { coupon: 'SPRING10', type: 'coupon' },
  start: 1763900000,
  subscription: null,
  subscription_item: null,
};

export const stripeEverythingSession: StripeSessionJson = {
  id: stripeEverythingId,
  object: 'checkout.session',
  adaptive_pricing: { enabled: true },
  after_expiration: {
    recovery: { allow_promotion_codes: true, enabled: true, expires_at: 1766578400, url: null },
  },
  allow_promotion_codes: true,
  amount_subtotal: 10000,
  amount_total: 9690,
  automatic_tax: { enabled: true, liability: { type: 'self' }, provider: 'stripe', status: 'complete' },
  billing_address_collection: 'required',
  branding_settings: {
    background_color: '#ffffff',
    border_style: 'rounded',
    button_color: '#0a2540',
    display_name: 'Example Shop',
    font_family: 'inter',
    icon: { type: 'url', url: 'https://shop.example.com/icon.png' },
    logo: { type: 'file', file: 'file_1EmulatorLogo' },
  },
  cancel_url: 'https://shop.example.com/cart',
  client_reference_id: 'order_1005',
  client_secret: 'cs_test_i1EverySettingFilledIn_secret_mustNeverBeExposed',
  collected_information: {
    business_name: 'Rosen GmbH',
    individual_name: 'Jenny Rosen',
    shipping_details: {
      name: 'Jenny Rosen',
      address: { city: 'Hamburg', country: 'DE', line1: 'Jungfernstieg 7', line2: null, postal_code: '20354', state: null },
    },
  },
  consent: { promotions: 'opt_in', terms_of_service: 'accepted' },
  consent_collection: {
    payment_method_reuse_agreement: { position: 'hidden' },
    promotions: 'auto',
    terms_of_service: 'required',
  },
  created: 1763900000,
  currency: 'eur',
  currency_conversion: { amount_subtotal: 11000, amount_total: 10659, fx_rate: '0.9091', source_currency: 'usd' },
  custom_fields: [
    {
      dropdown: {
        default_value: null,
        options: [
          { label: 'Front door', value: 'frontdoor' },
          { label: 'Neighbour', value: 'neighbour' },
        ],
        value: 'neighbour',
      },
      key: 'dropoff',
      label: { custom: 'Where to leave the parcel', type: 'custom' },
      optional: false,
      type: 'dropdown',
    },
    {
      key: 'gift_note',
      label: { custom: 'Gift note', type: 'custom' },
      optional: true,
      text: { default_value: null, maximum_length: 140, minimum_length: 2, value: 'Happy birthday!' },
      type: 'text',
    },
  ],
  custom_text: {
    after_submit: { message: 'We ship within two days.' },
    shipping_address: null,
    submit: { message: 'Your card is charged today.' },
    terms_of_service_acceptance: null,
  },
  customer: 'cus_EmulatorEverything',
  customer_account: null,
  customer_creation: 'always',
  customer_details: {
    address: { city: 'Hamburg', country: 'DE', line1: 'Jungfernstieg 7', line2: null, postal_code: '20354', state: null },
    business_name: 'Rosen GmbH',
    email: 'jenny@rosen.example',
    individual_name: 'Jenny Rosen',
    name: 'Rosen GmbH',
    phone: '+49401234567',
    tax_exempt: 'reverse',
    tax_ids: [{ type: 'eu_vat', value: 'DE123456789' }],
  },
  customer_email: null,
  discounts: [{ coupon: 'SPRING10', promotion_code: 'promo_1EmulatorSpring' }],
  excluded_payment_method_types: ['cashapp'],
  expires_at: 1763986400,
  integration_identifier: 'shop-web-v3',
  invoice: 'in_1EmulatorEverything',
  invoice_creation: null,
  livemode: false,
  locale: 'de',
  managed_payments: { enabled: false },
  metadata: { order_id: 'order_1005' },
  mode: 'subscription',
  name_collection: {
    business: { enabled: true, optional: true },
    individual: { enabled: true, optional: false },
  },
  optional_items: [
    { adjustable_quantity: { enabled: true, maximum: 5, minimum: 1 }, price: 'price_1EmulatorSocks', quantity: 1 },
  ],
  origin_context: 'web',
  payment_intent: null,
  payment_link: 'plink_1EmulatorEverything',
  payment_method_collection: 'if_required',
  payment_method_configuration_details: { id: 'pmc_1EmulatorConfig', parent: null },
  payment_method_options: { card: { request_three_d_secure: 'automatic' }, sepa_debit: { setup_future_usage: 'off_session' } },
  payment_method_types: ['card', 'sepa_debit'],
  payment_status: 'paid',
  permissions: { update_shipping_details: 'server_only' },
  phone_number_collection: { enabled: true },
  presentment_details: { presentment_amount: 10659, presentment_currency: 'usd' },
  recovered_from: 'cs_test_a0ExpiredBeforeRecovery00000000000000000000000000',
  redirect_on_completion: 'if_required',
  return_url: 'https://shop.example.com/return',
  saved_payment_method_options: {
    allow_redisplay_filters: ['always', 'limited'],
    payment_method_remove: 'disabled',
    payment_method_save: 'enabled',
  },
  setup_intent: null,
  shipping_address_collection: { allowed_countries: ['DE', 'AT', 'CH'] },
  shipping_cost: { amount_subtotal: 490, amount_tax: 0, amount_total: 490, shipping_rate: 'shr_1EmulatorStandard' },
  shipping_options: [
    { shipping_amount: 490, shipping_rate: 'shr_1EmulatorStandard' },
    { shipping_amount: 990, shipping_rate: 'shr_1EmulatorExpress' },
  ],
  status: 'complete',
  submit_type: 'subscribe',
  subscription: 'sub_1EmulatorExpanded',
  success_url: 'https://shop.example.com/orders/1005/thanks',
  tax_id_collection: { enabled: true, required: 'if_supported' },
  total_details: {
    amount_discount: 1000,
    amount_shipping: 490,
    amount_tax: 200,
    breakdown: {
      discounts: [{ amount: 1000, discount: stripeEverythingDiscount }],
      taxes: [{ amount: 200, rate: stripeEverythingTaxRate, taxability_reason: 'standard_rated', taxable_amount: 1053 }],
    },
  },
  ui_mode: 'hosted_page',
  url: null,
  wallet_options: { link: { display: 'never' } },
};
