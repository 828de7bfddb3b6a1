import { describe, expect, it } from 'vitest';
import {
  stripeCompletePaidId,
  stripeExpiredId,
  stripeFutureValuesId,
  stripeLargeAmountId,
  stripeSeedExampleId,
  stripeSessions,
  stripeSetupModeId,
} from '../../src/providers/stripe/emulator/sessions.js';
import { startHarness, useHarness } from '../support/harness.js';

const sessionFields = `
  id provider livemode status paymentStatus mode currency
  amountSubtotal { amount currency decimal }
  amountTotal { amount currency decimal }
  totalDetails { amountDiscount { amount } amountShipping { amount decimal } amountTax { amount decimal } }
  shippingCost { amountTotal { amount decimal } amountTax { amount } shippingRateId }
  customer { email name phone firstName lastName ipAddress address { line1 city postalCode country } }
  customerId metadata clientReferenceId paymentIntentId paymentMethodTypes locale url successUrl cancelUrl
  createdAt expiresAt
`;

describe('checkoutSession query against the Stripe emulator', () => {
  const harness = useHarness();

  it('returns the published example session with its total as CheckoutMoney', async () => {
    const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { ${sessionFields} } }`, {
      id: stripeSeedExampleId,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toMatchObject({
      id: stripeSeedExampleId,
      provider: 'STRIPE',
      livemode: false,
      status: 'OPEN',
      paymentStatus: 'UNPAID',
      mode: 'PAYMENT',
      currency: 'USD',
      amountSubtotal: { amount: 2198, currency: 'USD', decimal: '21.98' },
      amountTotal: { amount: 2198, currency: 'USD', decimal: '21.98' },
      totalDetails: { amountDiscount: { amount: 0 }, amountShipping: { amount: 0, decimal: '0.00' } },
      shippingCost: null,
      customer: null,
      customerId: null,
      metadata: {},
      paymentMethodTypes: ['card'],
      successUrl: 'https://example.com/success',
      cancelUrl: null,
      createdAt: '2023-03-23T19:36:55.000Z',
      expiresAt: '2023-03-24T19:36:55.000Z',
    });
    expect(harness.emulator.countCalls(`/v1/checkout/sessions/${stripeSeedExampleId}`)).toBe(1);
  });

  it('gathers the paying customer from customer_details and keeps the Stripe customer id', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeCompletePaidId}") { ${sessionFields} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toMatchObject({
      status: 'COMPLETE',
      paymentStatus: 'PAID',
      currency: 'EUR',
      amountTotal: { amount: 5210, decimal: '52.10' },
      totalDetails: { amountShipping: { amount: 500, decimal: '5.00' }, amountTax: { amount: 210, decimal: '2.10' } },
      shippingCost: { amountTotal: { amount: 595, decimal: '5.95' }, shippingRateId: 'shr_EmulatorStandard' },
      customer: {
        email: 'jenny.rosen@example.com',
        name: 'Jenny Rosen',
        phone: '+4930123456',
        address: { line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
      },
      customerId: 'cus_Emulator1001',
      metadata: { order_id: 'order_1001', channel: 'web' },
      clientReferenceId: 'order_1001',
      paymentIntentId: 'pi_3EmulatorPaid1001',
    });
  });

  it('answers nulls where Stripe sends nulls, and {} for null metadata', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeSetupModeId}") { ${sessionFields} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toMatchObject({
      mode: 'SETUP',
      paymentStatus: 'NO_PAYMENT_REQUIRED',
      currency: null,
      amountSubtotal: null,
      amountTotal: null,
      totalDetails: null,
      metadata: {},
      paymentMethodTypes: ['card', 'sepa_debit'],
    });
  });

  it('keeps amounts above 2^31 exact', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeLargeAmountId}") { amountTotal { amount currency decimal } totalDetails { amountTax { amount } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      amountTotal: { amount: 5_500_000_000, currency: 'JPY', decimal: '5500000000' },
      totalDetails: { amountTax: { amount: 500_000_000 } },
    });
  });

  it('turns enum values Stripe adds tomorrow into UNKNOWN and ignores fields it does not know', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${stripeFutureValuesId}") { status paymentStatus mode amountTotal { decimal } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      status: 'UNKNOWN',
      paymentStatus: 'UNKNOWN',
      mode: 'UNKNOWN',
      amountTotal: { decimal: '21.98' },
    });
  });

  it('serves only test-mode example sessions, so the sandbox never shows what looks like live money', async () => {
    const result = await harness.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id livemode } } }`,
      { representations: stripeSessions.map(({ id }) => ({ __typename: 'CheckoutSession', id })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual(stripeSessions.map(() => ({ id: expect.stringMatching(/^cs_test_/), livemode: false })));
  });

  it('never exposes the client secret', async () => {
    const result = await harness.query(`{ __type(name: "CheckoutSession") { fields { name } } }`);
    const names = (result.data?.__type as { fields: Array<{ name: string }> }).fields.map((field) => field.name);
    expect(names).toContain('amountTotal');
    expect(names.filter((name) => /secret/i.test(name))).toEqual([]);
  });

  describe('errors, each on its own session', () => {
    it('answers null with NOT_FOUND for a session the provider does not have', async () => {
      const result = await harness.query(`{ checkoutSession(id: "cs_test_doesNotExist123") { id } }`);
      expect(result.data?.checkoutSession).toBeNull();
      expect(result.errors?.[0]).toMatchObject({ path: ['checkoutSession'], extensions: { code: 'NOT_FOUND' } });
    });

    it.each([
      ['an id with characters neither provider uses', 'order #1001'],
      ['an id too short for Converge Gate', 'pi_3Em'],
      ['a Stripe-prefixed id with a character Stripe ids never have', 'cs_test_abc.def_123456'],
      ['a path traversal', 'cs_test_../../v1/customers'],
      ['an encoded slash', 'cs_test_abc%2Fdef12345'],
      ['a query string', 'cs_test_abcdefgh?expand=customer'],
      ['an empty id', ''],
      ['a 10,000-character id', `cs_test_${'a'.repeat(10_000)}`],
    ])('rejects %s with BAD_USER_INPUT and makes no provider call', async (_case, id) => {
      const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { id } }`, { id });
      expect(result.data?.checkoutSession).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(harness.emulator.countCalls()).toBe(0);
    });

    it('reports PROVIDER_UNAVAILABLE for a provider 5xx', async () => {
      harness.emulator.injectFault(stripeExpiredId, { kind: 'status', status: 503 });
      const result = await harness.query(`{ checkoutSession(id: "${stripeExpiredId}") { id } }`);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', provider: 'Stripe' });
    });

    it('reports PROVIDER_BAD_RESPONSE for a body that is not a session, with the request id', async () => {
      harness.emulator.injectFault(stripeExpiredId, { kind: 'body', body: JSON.stringify({ object: 'customer', id: 'cus_1' }) });
      const result = await harness.query(`{ checkoutSession(id: "${stripeExpiredId}") { id } }`);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'PROVIDER_BAD_RESPONSE' });
      expect(result.errors?.[0]?.extensions?.requestId).toMatch(/^req_/);
    });

    it('reports PROVIDER_BAD_RESPONSE for a body that is not JSON', async () => {
      harness.emulator.injectFault(stripeExpiredId, { kind: 'body', body: '<html>oops</html>', contentType: 'text/html' });
      const result = await harness.query(`{ checkoutSession(id: "${stripeExpiredId}") { id } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('PROVIDER_BAD_RESPONSE');
    });

    it('fails only the broken sessions of a query, not their neighbours', async () => {
      harness.emulator.injectFault(stripeExpiredId, { kind: 'status', status: 500 });
      const result = await harness.query(`{
        good: checkoutSession(id: "${stripeSeedExampleId}") { id status }
        broken: checkoutSession(id: "${stripeExpiredId}") { id }
        missing: checkoutSession(id: "cs_test_doesNotExist123") { id }
        invalid: checkoutSession(id: "not an id") { id }
      }`);
      expect(result.data).toEqual({ good: { id: stripeSeedExampleId, status: 'OPEN' }, broken: null, missing: null, invalid: null });
      const codes = Object.fromEntries((result.errors ?? []).map((error) => [error.path?.[0], error.extensions?.code]));
      expect(codes).toEqual({ broken: 'PROVIDER_UNAVAILABLE', missing: 'NOT_FOUND', invalid: 'BAD_USER_INPUT' });
    });
  });
});

describe('provider failures that depend on how the subgraph is set up', () => {
  it('reports PROVIDER_AUTH_FAILED when the provider rejects the key, and never echoes the key', async () => {
    const wrongKey = 'sk_test_wrongKeyThatMustNeverLeak123456';
    const harness = await startHarness({ STRIPE_SECRET_KEY: wrongKey });
    try {
      const result = await harness.query(`{ checkoutSession(id: "${stripeSeedExampleId}") { id } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('PROVIDER_AUTH_FAILED');
      expect(result.text).not.toContain(wrongKey);
      expect(result.text).not.toContain(harness.emulator.stripeSecretKey);
    } finally {
      await harness.close();
    }
  });

  it('reports PROVIDER_UNAVAILABLE when the provider does not answer within the timeout', async () => {
    const harness = await startHarness({ PROVIDER_TIMEOUT_MS: '300' });
    try {
      harness.emulator.injectFault(stripeExpiredId, { kind: 'hang' });
      const startedAt = Date.now();
      const result = await harness.query(`{ hung: checkoutSession(id: "${stripeExpiredId}") { id } fine: checkoutSession(id: "${stripeSeedExampleId}") { id } }`);
      expect(result.errors?.[0]).toMatchObject({ path: ['hung'], extensions: { code: 'PROVIDER_UNAVAILABLE' } });
      expect(result.data?.fine).toEqual({ id: stripeSeedExampleId });
      expect(Date.now() - startedAt).toBeLessThan(5_000);
    } finally {
      await harness.close();
    }
  });

  it('reports PROVIDER_UNAVAILABLE when the provider cannot be reached at all', async () => {
    const harness = await startHarness();
    try {
      await harness.emulator.close();
      const result = await harness.query(`{ checkoutSession(id: "${stripeSeedExampleId}") { id } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
    } finally {
      await harness.subgraph.close();
    }
  });
});
