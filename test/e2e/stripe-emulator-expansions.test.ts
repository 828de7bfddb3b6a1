import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeEverythingId } from '../../src/providers/stripe/emulator/full-session.js';
import { stripeBulkOrderId, stripeCompletePaidId } from '../../src/providers/stripe/emulator/sessions.js';
import { ProviderEmulator } from '../../src/emulator/server.js';

// Every part of a Checkout Session that Stripe's object reference (2026, dahlia) marks as
// expandable or "not included by default", as docs/querying.md lists them.
const references: Array<[path: string, id: string, object: string]> = [
  ['customer', 'cus_ExpandTest', 'customer'],
  ['invoice', 'in_ExpandTest', 'invoice'],
  ['payment_intent', 'pi_ExpandTest', 'payment_intent'],
  ['payment_link', 'plink_ExpandTest', 'payment_link'],
  ['setup_intent', 'seti_ExpandTest', 'setup_intent'],
  ['subscription', 'sub_ExpandTest', 'subscription'],
  ['automatic_tax.liability.account', 'acct_ExpandTestTax', 'account'],
  ['discounts.coupon', 'SPRING10', 'coupon'],
  ['discounts.promotion_code', 'promo_ExpandTest', 'promotion_code'],
  ['invoice_creation.invoice_data.account_tax_ids', 'txi_ExpandTest', 'tax_id'],
  ['invoice_creation.invoice_data.issuer.account', 'acct_ExpandTestIssuer', 'account'],
  ['shipping_cost.shipping_rate', 'shr_ExpandTestChosen', 'shipping_rate'],
  ['shipping_options.shipping_rate', 'shr_ExpandTestOffered', 'shipping_rate'],
];

const sessionId = 'cs_test_expandEveryReference000001';

/** The value at a dotted path, taking the first element of each list on the way and at the end. */
function at(value: unknown, path: string): unknown {
  const first = (current: unknown) => (Array.isArray(current) ? current[0] : current);
  return first(
    path.split('.').reduce<unknown>((current, name) => {
      const one = first(current);
      return typeof one === 'object' && one !== null ? (one as Record<string, unknown>)[name] : undefined;
    }, value),
  );
}

describe("the emulator's Stripe sessions, expanded as Stripe expands them", () => {
  let emulator: ProviderEmulator;
  const retrieve = async (id: string, expand: string[] = []) => {
    const query = new URLSearchParams(expand.map((path): [string, string] => ['expand[]', path])).toString();
    const response = await request(`${emulator.url}/v1/checkout/sessions/${id}${query ? `?${query}` : ''}`, {
      headers: { authorization: `Bearer ${emulator.stripeSecretKey}` },
    });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    emulator = await ProviderEmulator.start();
    emulator.putStripeSession({
      id: sessionId,
      object: 'checkout.session',
      status: 'complete',
      currency: 'eur',
      amount_total: 11190,
      // Held as objects or as ids: either way the answer is an id unless asked for.
      customer: { id: 'cus_ExpandTest', object: 'customer', email: 'jenny@rosen.example' },
      invoice: 'in_ExpandTest',
      payment_intent: 'pi_ExpandTest',
      payment_link: 'plink_ExpandTest',
      setup_intent: 'seti_ExpandTest',
      subscription: { id: 'sub_ExpandTest', object: 'subscription', status: 'active' },
      automatic_tax: { enabled: true, liability: { type: 'account', account: 'acct_ExpandTestTax' }, status: 'complete' },
      discounts: [{ coupon: 'SPRING10', promotion_code: 'promo_ExpandTest' }],
      invoice_creation: {
        enabled: true,
        invoice_data: { account_tax_ids: ['txi_ExpandTest'], issuer: { type: 'account', account: 'acct_ExpandTestIssuer' } },
      },
      shipping_cost: { amount_subtotal: 490, amount_tax: 0, amount_total: 490, shipping_rate: 'shr_ExpandTestChosen' },
      shipping_options: [{ shipping_amount: 490, shipping_rate: 'shr_ExpandTestOffered' }],
      total_details: {
        amount_discount: 1000,
        amount_shipping: 490,
        amount_tax: 0,
        breakdown: { discounts: [{ amount: 1000, discount: { id: 'di_ExpandTest', object: 'discount' } }], taxes: [] },
      },
    });
  });
  afterAll(() => emulator?.close());

  it('sends every reference as its id and leaves out the breakdown and the line items when nothing is expanded', async () => {
    const { status, body } = await retrieve(sessionId);
    expect(status).toBe(200);
    expect(Object.fromEntries(references.map(([path]) => [path, at(body, path)]))).toEqual(
      Object.fromEntries(references.map(([path, id]) => [path, id])),
    );
    expect(body.total_details).toEqual({ amount_discount: 1000, amount_shipping: 490, amount_tax: 0 });
    expect('line_items' in body).toBe(false);
  });

  it.each(references)('sends %s as an object with its id when expanded, and only that one', async (path, id, object) => {
    const { body } = await retrieve(sessionId, [path]);
    expect(at(body, path)).toMatchObject({ id, object });
    for (const [otherPath, otherId] of references.filter(([other]) => other !== path)) expect(at(body, otherPath)).toBe(otherId);
  });

  it('sends total_details.breakdown when expanded', async () => {
    const { body } = await retrieve(sessionId, ['total_details.breakdown']);
    expect(body.total_details.breakdown).toEqual({ discounts: [{ amount: 1000, discount: { id: 'di_ExpandTest', object: 'discount' } }], taxes: [] });
  });

  it("sends line_items when expanded as a list of Stripe's default page of 10, saying there are more", async () => {
    const { body } = await retrieve(stripeBulkOrderId, ['line_items']);
    expect(body.line_items).toMatchObject({ object: 'list', has_more: true, url: `/v1/checkout/sessions/${stripeBulkOrderId}/line_items` });
    expect(body.line_items.data).toHaveLength(10);
  });

  it('expands several paths at once, in either of the forms Stripe accepts', async () => {
    const response = await request(
      `${emulator.url}/v1/checkout/sessions/${sessionId}?expand[0]=customer&expand[1]=total_details.breakdown`,
      { headers: { authorization: `Bearer ${emulator.stripeSecretKey}` } },
    );
    const body = (await response.body.json()) as Record<string, any>;
    expect(body.customer).toMatchObject({ id: 'cus_ExpandTest', email: 'jenny@rosen.example' });
    expect(body.total_details.breakdown.discounts).toHaveLength(1);
  });

  it('refuses, as Stripe does, a path that cannot be expanded', async () => {
    const { status, body } = await retrieve(sessionId, ['client_secret']);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', message: 'This property cannot be expanded (client_secret).', param: 'expand' });
  });

  it('expands through the objects it holds, level by level: the payment intent, its charge and its balance transaction', async () => {
    const { status, body } = await retrieve(stripeCompletePaidId, ['payment_intent.latest_charge.balance_transaction']);
    expect(status).toBe(200);
    expect(body.payment_intent).toMatchObject({ id: 'pi_3EmulatorPaid1001', object: 'payment_intent', customer: 'cus_Emulator1001' });
    expect(body.payment_intent.latest_charge).toMatchObject({ id: 'ch_3EmulatorPaid1001', object: 'charge', payment_intent: 'pi_3EmulatorPaid1001' });
    expect(body.payment_intent.latest_charge.balance_transaction).toMatchObject({ id: 'txn_3EmulatorPaid1001', object: 'balance_transaction', fee: 103, net: 5107, source: 'ch_3EmulatorPaid1001' });
  });

  it('refuses a path deeper than four levels, a list\'s data counted, as Stripe does', async () => {
    const path = 'data.payment.payment_intent.latest_charge.balance_transaction';
    const deep = await request(`${emulator.url}/v1/invoice_payments?invoice=in_1EmulatorEverything&expand[]=${path}`, {
      headers: { authorization: `Bearer ${emulator.stripeSecretKey}` },
    });
    expect(deep.statusCode).toBe(400);
    expect(((await deep.body.json()) as Record<string, any>).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'property_expansion_max_depth',
      message: `You cannot expand more than 4 levels of a property. Property: ${path}`,
    });
    const four = await request(`${emulator.url}/v1/invoice_payments?invoice=in_1EmulatorEverything&expand[]=data.payment.payment_intent.latest_charge`, {
      headers: { authorization: `Bearer ${emulator.stripeSecretKey}` },
    });
    const list = (await four.body.json()) as Record<string, any>;
    expect(list.data[0].payment.payment_intent.latest_charge).toMatchObject({ id: 'ch_3EmulatorInvoice1005', balance_transaction: 'txn_3EmulatorInvoice1005' });
  });

  it('expands a line item list through each item: its price\'s product, and its taxes and discounts only when asked', async () => {
    const list = async (expand: string[]) => {
      const query = new URLSearchParams(expand.map((path): [string, string] => ['expand[]', path])).toString();
      const response = await request(`${emulator.url}/v1/checkout/sessions/${stripeEverythingId}/line_items?${query}`, {
        headers: { authorization: `Bearer ${emulator.stripeSecretKey}` },
      });
      return ((await response.body.json()) as { data: Array<Record<string, any>> }).data;
    };
    const [plain] = await list([]);
    expect(plain?.price.product).toBe('prod_1Emulator1005Coffee');
    expect(plain && ('taxes' in plain || 'discounts' in plain)).toBe(false);
    const [expanded] = await list(['data.price.product', 'data.taxes']);
    expect(expanded?.price.product).toMatchObject({ id: 'prod_1Emulator1005Coffee', object: 'product', name: 'Coffee subscription, monthly' });
    expect(expanded?.taxes).toEqual([expect.objectContaining({ amount: 160, taxable_amount: 842 })]);
    expect(expanded && 'discounts' in expanded).toBe(false);
  });

  it("answers errors as Stripe does: type, code, message, param, the code's page and the request's log under its Request-Id", async () => {
    const response = await request(`${emulator.url}/v1/checkout/sessions/cs_test_noSuchSession`, {
      headers: { authorization: `Bearer ${emulator.stripeSecretKey}` },
    });
    const requestId = response.headers['request-id'];
    expect(response.statusCode).toBe(404);
    expect(requestId).toMatch(/^req_/);
    const { error } = (await response.body.json()) as { error: Record<string, string> };
    expect(error).toEqual({
      code: 'resource_missing',
      doc_url: 'https://docs.stripe.com/error-codes/resource-missing',
      message: "No such checkout.session: 'cs_test_noSuchSession'",
      param: 'session',
      request_log_url: expect.stringMatching(new RegExp(`^https://dashboard\\.stripe\\.com/test/logs/${requestId}\\?t=\\d+$`)),
      type: 'invalid_request_error',
    });
  });
});
