import type Stripe from 'stripe';
import { stripeEverythingDiscount, stripeEverythingId, stripeEverythingTaxRate } from './full-session.js';
import type { StripeJson, StripeLineItemJson } from './stripe-json.js';
import {
  stripeBulkOrderId,
  stripeCompletePaidId,
  stripeExpiredId,
  stripeFullyRefundedId,
  stripeSeedExampleId,
  stripeUnderscoreHyphenId,
} from './sessions.js';

/** A line's product as the merchant's catalogue has it: what `expand[]=data.price.product` turns its price's product id into. */
export type StripeProductJson = StripeJson<Stripe.Product>;

interface LineFacts {
  description: string;
  quantity: number;
  unitAmount: number;
  tax: number;
  currency: string;
  discount?: number;
  /** What `expand[]=data.taxes` and `expand[]=data.discounts` add to the line: Stripe sends them only when asked. */
  taxes?: StripeLineItemJson['taxes'];
  discounts?: StripeLineItemJson['discounts'];
  recurring?: boolean;
}

/** A line item, its price and the price's product, as Stripe's pinned API version sends them. */
function lineItem(id: string, fields: LineFacts): { item: StripeLineItemJson; product: StripeProductJson } {
  const subtotal = fields.unitAmount * fields.quantity;
  const discount = fields.discount ?? 0;
  const suffix = id.slice(3);
  const product: StripeProductJson = {
    id: `prod_${suffix}`,
    object: 'product',
    active: true,
    created: 1760000000,
    description: null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: {},
    name: fields.description,
    package_dimensions: null,
    shippable: true,
    type: 'service',
    updated: 1760000000,
    url: null,
  };
  const item: StripeLineItemJson = {
    id,
    object: 'item',
    adjustable_quantity: null,
    amount_discount: discount,
    amount_subtotal: subtotal,
    amount_tax: fields.tax,
    amount_total: subtotal - discount + fields.tax,
    currency: fields.currency,
    description: fields.description,
    metadata: {},
    price: {
      id: `price_${suffix}`,
      object: 'price',
      active: true,
      billing_scheme: 'per_unit',
      created: 1760000000,
      currency: fields.currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: product.id,
      recurring: fields.recurring
        ? { interval: 'month', interval_count: 1, meter: null, trial_period_days: null, usage_type: 'licensed' }
        : null,
      tax_behavior: 'exclusive',
      tiers_mode: null,
      transform_quantity: null,
      type: fields.recurring ? 'recurring' : 'one_time',
      unit_amount: fields.unitAmount,
      unit_amount_decimal: String(fields.unitAmount),
    },
    quantity: fields.quantity,
    ...(fields.taxes ? { taxes: fields.taxes } : {}),
    ...(fields.discounts ? { discounts: fields.discounts } : {}),
  };
  return { item, product };
}

/** Order 1005's lines: the spring coupon and the 19% VAT of its total, line by line. */
const everythingLine = (id: string, fields: LineFacts & { discount: number; taxable: number }) =>
  lineItem(id, {
    ...fields,
    taxes: [{ amount: fields.tax, rate: stripeEverythingTaxRate, taxability_reason: 'standard_rated', taxable_amount: fields.taxable }],
    discounts: [{ amount: fields.discount, discount: stripeEverythingDiscount }],
  });

/** Each session's line items add up to its `amount_subtotal`, and their quantities to its order's `itemCount`. */
const linesBySession = new Map<string, ReadonlyArray<ReturnType<typeof lineItem>>>([
  [stripeSeedExampleId, [lineItem('li_1EmulatorSeedTshirt', { description: 'T-shirt', quantity: 1, unitAmount: 2198, tax: 0, currency: 'usd' })]],
  [
    stripeCompletePaidId,
    [
      lineItem('li_1Emulator1001Shirt', { description: 'Organic cotton T-shirt', quantity: 2, unitAmount: 1500, tax: 140, currency: 'eur' }),
      lineItem('li_1Emulator1001Mug', { description: 'Enamel mug', quantity: 1, unitAmount: 1000, tax: 47, currency: 'eur' }),
      lineItem('li_1Emulator1001Stickers', { description: 'Sticker pack', quantity: 1, unitAmount: 500, tax: 23, currency: 'eur' }),
    ],
  ],
  [stripeExpiredId, [lineItem('li_1Emulator1002Tshirt', { description: 'T-shirt', quantity: 1, unitAmount: 2198, tax: 0, currency: 'usd' })]],
  [
    stripeFullyRefundedId,
    [
      lineItem('li_1Emulator1003Tote', { description: 'Canvas tote bag', quantity: 2, unitAmount: 500, tax: 0, currency: 'usd' }),
      lineItem('li_1Emulator1003Bottle', { description: 'Water bottle', quantity: 1, unitAmount: 1000, tax: 0, currency: 'usd' }),
    ],
  ],
  [
    stripeEverythingId,
    [
      everythingLine('li_1Emulator1005Coffee', { description: 'Coffee subscription, monthly', quantity: 2, unitAmount: 4000, tax: 160, currency: 'eur', discount: 800, taxable: 842, recurring: true }),
      everythingLine('li_1Emulator1005Grinder', { description: 'Hand grinder', quantity: 1, unitAmount: 2000, tax: 40, currency: 'eur', discount: 200, taxable: 211 }),
    ],
  ],
  [stripeUnderscoreHyphenId, [lineItem('li_1Emulator1006Cards', { description: 'Greeting card', quantity: 4, unitAmount: 450, tax: 0, currency: 'gbp' })]],
  [
    stripeBulkOrderId,
    Array.from({ length: 120 }, (_, index) =>
      lineItem(`li_1Emulator1004Part${String(index + 1).padStart(3, '0')}`, {
        description: `Spare part ${index + 1}`,
        quantity: 1,
        unitAmount: 250,
        tax: 0,
        currency: 'eur',
      }),
    ),
  ],
]);

/** The line items the emulator lists under `GET /v1/checkout/sessions/{id}/line_items`, by session id. */
export const stripeLineItems: ReadonlyMap<string, readonly StripeLineItemJson[]> = new Map(
  [...linesBySession].map(([id, lines]) => [id, lines.map(({ item }) => item)]),
);

/** The products of every line, by id. */
export const stripeProducts: readonly StripeProductJson[] = [...linesBySession.values()].flatMap((lines) => lines.map(({ product }) => product));
