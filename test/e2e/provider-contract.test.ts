import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/harness.js';

/**
 * What every provider must do, whatever its wire format: one suite run for each, over real
 * HTTP (emulator → provider client → Apollo Server → this client), as stripe-node runs one
 * suite for every HTTP client. A new provider adds a row here.
 */
interface ProviderUnderTest {
  /** `CheckoutSession.provider` */
  provider: string;
  /** `extensions.provider` of its errors */
  label: string;
  /** A session of the sandbox's example data (README's table). */
  knownId: string;
  /** An id of the provider's shape that the provider does not know. */
  unknownId: string;
  /** The emulator's path for a session of this provider. */
  sessionPath(id: string): string;
  /** A well-formed session as the provider sends it, carrying this id in its body. */
  sessionBody(bodyId: string): string;
  /** The provider's error body, with this message. */
  errorBody(message: string): string;
}

const providers: ProviderUnderTest[] = [
  {
    provider: 'STRIPE',
    label: 'Stripe',
    knownId: 'cs_test_b1CompletePaidOrder1001aaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    unknownId: 'cs_test_contractUnknown000000000000000000000000000',
    sessionPath: (id) => `/v1/checkout/sessions/${id}`,
    sessionBody: (bodyId) =>
      JSON.stringify({ id: bodyId, object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: 4200, currency: 'eur' }),
    errorBody: (message) => JSON.stringify({ error: { type: 'invalid_request_error', message } }),
  },
  {
    provider: 'CONVERGE_GATE',
    label: 'Converge Gate',
    knownId: 'CmP1_Order2001PaidBlik',
    unknownId: 'Zz9_ContractUnknown000',
    sessionPath: (id) => `/convergegate/v1/checkout/sessions/${id}`,
    sessionBody: (bodyId) => JSON.stringify({ id: bodyId, status: 'completed', amount_total: 4200, currency: 'pln', livemode: false }),
    errorBody: (message) => JSON.stringify({ error: { type: 'invalid_request_error', message } }),
  },
];

const sessionQuery = `query ($id: ID!) { checkoutSession(id: $id) { id provider status amountTotal { amount currency } } }`;

describe.each(providers)('the $label client, as every provider client must behave', (provider) => {
  const harness = useHarness({
    PROVIDER_MAX_RETRIES: '2',
    PROVIDER_RETRY_BASE_DELAY_MS: '5',
    PROVIDER_RETRY_MAX_DELAY_MS: '20',
    PROVIDER_TIMEOUT_MS: '400',
    // Each test here fails on purpose; the breaker is tested elsewhere and must not carry one test's failures into the next.
    PROVIDER_BREAKER_MIN_CALLS: '1000',
  });
  const read = (id: string) => harness.query(sessionQuery, { id });
  const errorOf = async (id: string) => {
    const result = await read(id);
    expect(result.data?.checkoutSession ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    return { error: result.errors![0]!, text: result.text };
  };

  it('reads a session it knows, under the id it was asked for', async () => {
    const result = await read(provider.knownId);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toMatchObject({ id: provider.knownId, provider: provider.provider, status: 'COMPLETE' });
    expect(harness.emulator.countCalls(provider.sessionPath(provider.knownId))).toBe(1);
  });

  it("keeps the asked id when the provider's body names another", async () => {
    harness.emulator.injectFault(provider.knownId, { kind: 'body', body: provider.sessionBody('someOtherSessionId') });
    const result = await read(provider.knownId);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      id: provider.knownId,
      provider: provider.provider,
      status: 'COMPLETE',
      amountTotal: { amount: 4200, currency: provider.provider === 'STRIPE' ? 'EUR' : 'PLN' },
    });
  });

  it('answers NOT_FOUND, at once, for a session the provider does not know', async () => {
    const { error } = await errorOf(provider.unknownId);
    expect(error.message).toBe(`Checkout session ${provider.unknownId} was not found`);
    expect(error.extensions?.code).toBe('NOT_FOUND');
    expect(harness.emulator.countCalls(provider.sessionPath(provider.unknownId))).toBe(1);
  });

  it('answers PROVIDER_AUTH_FAILED, naming the provider and not retrying, when the provider rejects the key', async () => {
    harness.emulator.injectFault(provider.knownId, { kind: 'status', status: 401, body: provider.errorBody('Invalid API Key provided: sk_test_****abcd') });
    const { error, text } = await errorOf(provider.knownId);
    expect(error.extensions).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', provider: provider.label });
    expect(text).not.toContain('sk_test_');
    expect(harness.emulator.countCalls(provider.sessionPath(provider.knownId))).toBe(1);
  });

  it.each([
    ['an HTML page', '<html><body>Bad gateway</body></html>'],
    ['malformed JSON', '{"id": "cs_test_x", "status": '],
    ['JSON that is not a session', '{"object": "list", "data": [1, 2, 3]}'],
  ])('answers PROVIDER_BAD_RESPONSE for %s with status 200', async (_what, body) => {
    harness.emulator.injectFault(provider.knownId, { kind: 'body', body });
    const { error } = await errorOf(provider.knownId);
    expect(error.extensions).toMatchObject({ code: 'PROVIDER_BAD_RESPONSE', provider: provider.label });
  });

  it("passes on the provider's refusal with its message cleaned of keys, emails and IP addresses", async () => {
    harness.emulator.injectFault(provider.knownId, {
      kind: 'status',
      status: 400,
      body: provider.errorBody('Key sk_live_51Hsecretsecret cannot read this for jenny.rosen@example.com from 203.0.113.7'),
    });
    const { error, text } = await errorOf(provider.knownId);
    expect(error.extensions).toMatchObject({ code: 'PROVIDER_ERROR', provider: provider.label, status: 400, providerErrorType: 'invalid_request_error' });
    expect(error.extensions?.providerMessage).toBe('Key [redacted key] cannot read this for [redacted email] from [redacted ip]');
    for (const secret of ['sk_live_', 'jenny.rosen@example.com', '203.0.113.7']) expect(text).not.toContain(secret);
  });

  it('retries a 503 and a dropped connection, and answers with the session once the provider recovers', async () => {
    harness.emulator.injectFault(provider.knownId, { kind: 'status', status: 503 }, { times: 1 });
    expect((await read(provider.knownId)).data?.checkoutSession).toMatchObject({ id: provider.knownId });
    harness.emulator.injectFault(provider.knownId, { kind: 'reset' }, { times: 2 });
    expect((await read(provider.knownId)).data?.checkoutSession).toMatchObject({ id: provider.knownId });
    // 2 + 3 calls: PROVIDER_MAX_RETRIES=2 allows three tries of each read.
    expect(harness.emulator.countCalls(provider.sessionPath(provider.knownId))).toBe(5);
  });

  it('gives up after its retries with PROVIDER_UNAVAILABLE when the provider keeps failing', async () => {
    harness.emulator.injectFault(provider.knownId, { kind: 'status', status: 503 });
    const { error } = await errorOf(provider.knownId);
    expect(error.extensions).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', provider: provider.label });
    expect(harness.emulator.countCalls(provider.sessionPath(provider.knownId))).toBe(3);
  });

  it('keeps to PROVIDER_TIMEOUT_MS when the provider never answers', async () => {
    harness.emulator.injectFault(provider.knownId, { kind: 'hang' });
    const { error } = await errorOf(provider.knownId);
    expect(error.extensions).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', provider: provider.label });
    // The deadline covers the call with its retries: no more tries than PROVIDER_MAX_RETRIES allows.
    expect(harness.emulator.countCalls(provider.sessionPath(provider.knownId))).toBeLessThanOrEqual(3);
  });
});
