import { stripeEverythingId } from './full-session.js';
import {
  stripeBulkOrderId,
  stripeCompletePaidId,
  stripeExpiredId,
  stripeFullyRefundedId,
  stripeSeedExampleId,
  stripeUnderscoreHyphenId,
} from './sessions.js';

/** Stripe line items the emulator lists under `GET /v1/checkout/sessions/{id}/line_items`, by session id. */
type WireLineItem = Record<string, unknown> & { id: string };

function lineItem(
  id: string,
  fields: { description: string; quantity: number; unitAmount: number; tax: number; currency: string; discount?: number },
): WireLineItem {
  const subtotal = fields.unitAmount * fields.quantity;
  const discount = fields.discount ?? 0;
  const priceId = `price_${id.slice(3)}`;
  return {
    id,
    object: 'item',
    amount_discount: discount,
    amount_subtotal: subtotal,
    amount_tax: fields.tax,
    amount_total: subtotal - discount + fields.tax,
    currency: fields.currency,
    description: fields.description,
    price: {
      id: priceId,
      object: 'price',
      active: true,
      billing_scheme: 'per_unit',
      currency: fields.currency,
      livemode: false,
      product: `prod_${id.slice(3)}`,
      type: 'one_time',
      unit_amount: fields.unitAmount,
    },
    quantity: fields.quantity,
  };
}

/** Each session's line items add up to its `amount_subtotal`, and their quantities to its order's `itemCount`. */
export const stripeLineItems: ReadonlyMap<string, readonly WireLineItem[]> = new Map([
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
      lineItem('li_1Emulator1005Coffee', { description: 'Coffee subscription, monthly', quantity: 2, unitAmount: 4000, tax: 160, currency: 'eur', discount: 800 }),
      lineItem('li_1Emulator1005Grinder', { description: 'Hand grinder', quantity: 1, unitAmount: 2000, tax: 40, currency: 'eur', discount: 200 }),
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
