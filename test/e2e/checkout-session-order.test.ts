import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeCompletePaidId } from '../../src/providers/stripe/emulator/sessions.js';
import { startHarness, type Harness } from '../support/harness.js';

const orderQuery = `query ($id: ID!) { checkoutSession(id: $id) { order { __typename id } } }`;

describe('CheckoutSession.order with ORDER_ID_METADATA_KEY set', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ ORDER_ID_METADATA_KEY: 'shop_order' });
    harness.emulator.putStripeSession({
      id: 'cs_test_orderFromShopOrderKey',
      object: 'checkout.session',
      status: 'open',
      client_reference_id: null,
      metadata: { order_id: 'ignored', shop_order: 'order_77' },
    });
  });
  afterAll(() => harness.close());

  it('reads the order id under the configured metadata key', async () => {
    const result = await harness.query(orderQuery, { id: 'cs_test_orderFromShopOrderKey' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({ order: { __typename: 'Order', id: 'order_77' } });
  });

  it('still prefers the client reference id', async () => {
    const result = await harness.query(orderQuery, { id: stripeCompletePaidId });
    expect(result.data?.checkoutSession).toEqual({ order: { __typename: 'Order', id: 'order_1001' } });
  });
});
