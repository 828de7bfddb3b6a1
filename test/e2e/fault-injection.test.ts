import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stripeCompletePaidId, stripeSeedExampleId } from '../../src/providers/stripe/emulator/sessions.js';
import type { EmulatorFault, FaultOptions } from '../../src/emulator/server.js';
import { startHarness, type Harness } from '../support/harness.js';

const deadlineMs = 400;
/** What a loaded CI machine may add to a deadline before the answer is back. */
const slackMs = 1_500;
const faultyId = stripeCompletePaidId;
const neighbourId = stripeSeedExampleId;
const sessionPath = (id: string) => `/v1/checkout/sessions/${id}`;

const stripeError = (type: string, message = 'Emulated failure') => JSON.stringify({ error: { type, message } });
const htmlPage = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';

interface FaultCase {
  fault: EmulatorFault;
  options?: FaultOptions;
  code: string | null;
  attempts: number;
  extensions?: Record<string, unknown>;
}

// One row per fault: what the client sees for the faulty session and how many calls the provider got.
const faults: Record<string, FaultCase> = {
  'HTTP 500': { fault: { kind: 'status', status: 500 }, code: 'PROVIDER_UNAVAILABLE', attempts: 3 },
  'HTTP 502 with an HTML page': {
    fault: { kind: 'status', status: 502, body: htmlPage, headers: { 'content-type': 'text/html' } },
    code: 'PROVIDER_UNAVAILABLE',
    attempts: 3,
  },
  'HTTP 503': { fault: { kind: 'status', status: 503 }, code: 'PROVIDER_UNAVAILABLE', attempts: 3 },
  'HTTP 504': { fault: { kind: 'status', status: 504 }, code: 'PROVIDER_UNAVAILABLE', attempts: 3 },
  'HTTP 503 with Stripe-Should-Retry: false': {
    fault: { kind: 'status', status: 503, headers: { 'stripe-should-retry': 'false' } },
    code: 'PROVIDER_UNAVAILABLE',
    attempts: 1,
  },
  'HTTP 429 with a Retry-After longer than the retry cap': {
    fault: { kind: 'status', status: 429, headers: { 'retry-after': '7' }, body: stripeError('rate_limit_error') },
    code: 'RATE_LIMITED',
    attempts: 1,
    extensions: { retryAfter: 7 },
  },
  'HTTP 429 with Stripe-Rate-Limited-Reason: endpoint-rate': {
    fault: { kind: 'status', status: 429, headers: { 'stripe-rate-limited-reason': 'endpoint-rate' }, body: stripeError('rate_limit_error') },
    code: 'RATE_LIMITED',
    attempts: 3,
    extensions: { retryAfter: 1 },
  },
  'HTTP 429 lock_timeout': {
    fault: { kind: 'status', status: 429, body: JSON.stringify({ error: { type: 'invalid_request_error', code: 'lock_timeout' } }) },
    code: 'RATE_LIMITED',
    attempts: 3,
    extensions: { retryAfter: 1 },
  },
  'HTTP 409 lock conflict': {
    fault: { kind: 'status', status: 409, body: stripeError('invalid_request_error') },
    code: 'PROVIDER_ERROR',
    attempts: 3,
    extensions: { status: 409, providerErrorType: 'invalid_request_error' },
  },
  'HTTP 400': {
    fault: { kind: 'status', status: 400, body: stripeError('invalid_request_error', 'Invalid expand') },
    code: 'PROVIDER_ERROR',
    attempts: 1,
    extensions: { status: 400, providerErrorType: 'invalid_request_error', providerMessage: 'Invalid expand' },
  },
  'HTTP 400 with Stripe-Should-Retry: true': {
    fault: { kind: 'status', status: 400, headers: { 'stripe-should-retry': 'true' }, body: stripeError('api_error') },
    code: 'PROVIDER_ERROR',
    attempts: 3,
  },
  'HTTP 401': { fault: { kind: 'status', status: 401 }, code: 'PROVIDER_AUTH_FAILED', attempts: 1 },
  'HTTP 403': { fault: { kind: 'status', status: 403 }, code: 'PROVIDER_AUTH_FAILED', attempts: 1 },
  'a hang': { fault: { kind: 'hang' }, code: 'PROVIDER_UNAVAILABLE', attempts: 1 },
  'a reset connection': { fault: { kind: 'reset' }, code: 'PROVIDER_UNAVAILABLE', attempts: 3 },
  'malformed JSON': {
    fault: { kind: 'body', body: '{"id": "cs_test_x", "object": ' },
    code: 'PROVIDER_BAD_RESPONSE',
    attempts: 1,
  },
  'truncated JSON': { fault: { kind: 'truncated' }, code: 'PROVIDER_BAD_RESPONSE', attempts: 1 },
  'an HTML error page with 200': {
    fault: { kind: 'body', body: htmlPage, contentType: 'text/html' },
    code: 'PROVIDER_BAD_RESPONSE',
    attempts: 1,
  },
  'valid JSON that is not a session': {
    fault: { kind: 'body', body: JSON.stringify({ object: 'customer', id: 'cus_123' }) },
    code: 'PROVIDER_BAD_RESPONSE',
    attempts: 1,
  },
  'an oversized body': { fault: { kind: 'oversized', bytes: 2 * 1024 * 1024 }, code: 'PROVIDER_BAD_RESPONSE', attempts: 1 },
  'a slowly trickling body': { fault: { kind: 'trickle', intervalMs: 20 }, code: 'PROVIDER_UNAVAILABLE', attempts: 1 },
  'HTTP 503 twice, then success': {
    fault: { kind: 'status', status: 503 },
    options: { times: 2 },
    code: null,
    attempts: 3,
  },
  'a reset connection once, then success': { fault: { kind: 'reset' }, options: { times: 1 }, code: null, attempts: 2 },
};

describe('provider faults, one session at a time', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      PROVIDER_TIMEOUT_MS: String(deadlineMs),
      PROVIDER_RETRY_BASE_DELAY_MS: '5',
      PROVIDER_RETRY_MAX_DELAY_MS: '50',
    });
  });
  afterAll(() => harness.close());
  beforeEach(() => {
    harness.emulator.clearFaults();
    harness.emulator.resetCalls();
  });

  it.each(Object.entries(faults))(
    'answers %s within the deadline, with the right code and number of attempts, and spares the neighbour',
    async (_name, { fault, options, code, attempts, extensions }) => {
      harness.emulator.injectFault(faultyId, fault, options);
      const startedAt = performance.now();
      const result = await harness.query(`{
        faulty: checkoutSession(id: "${faultyId}") { id status }
        neighbour: checkoutSession(id: "${neighbourId}") { id status }
      }`);
      const elapsedMs = performance.now() - startedAt;

      expect(result.data?.neighbour).toEqual({ id: neighbourId, status: 'OPEN' });
      if (code === null) {
        expect(result.errors).toBeUndefined();
        expect(result.data?.faulty).toEqual({ id: faultyId, status: 'COMPLETE' });
      } else {
        expect(result.data?.faulty).toBeNull();
        expect(result.errors).toHaveLength(1);
        expect(result.errors?.[0]).toMatchObject({ path: ['faulty'], extensions: { code, provider: 'Stripe', ...extensions } });
      }
      expect(harness.emulator.countCalls(sessionPath(faultyId))).toBe(attempts);
      expect(harness.emulator.countCalls(sessionPath(neighbourId))).toBe(1);
      expect(elapsedMs).toBeLessThan(deadlineMs + slackMs);
      expect(result.text).not.toContain(harness.emulator.stripeSecretKey);

      const health = await request(`${harness.subgraph.url}/health`);
      expect(health.statusCode).toBe(200);
      await health.body.dump();
    },
  );

  it('reports the provider request id with a body it could not read', async () => {
    harness.emulator.injectFault(faultyId, { kind: 'body', body: '{"truncated": ' });
    const result = await harness.query(`{ checkoutSession(id: "${faultyId}") { id } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'PROVIDER_BAD_RESPONSE', requestId: expect.stringMatching(/^req_/) });
  });

  it('keeps every session of a batch whose neighbours fail in every way at once', async () => {
    const cases = Object.values(faults).filter((row) => row.code !== null);
    const ids = cases.map((_row, index) => `cs_test_faulty${String(index).padStart(4, '0')}abcdefgh`);
    cases.forEach((row, index) => {
      harness.emulator.putStripeSession({ id: ids[index]!, object: 'checkout.session', status: 'open' });
      harness.emulator.injectFault(ids[index]!, row.fault);
    });
    const representations = [neighbourId, ...ids, stripeCompletePaidId].map((id) => ({ __typename: 'CheckoutSession', id }));
    const startedAt = performance.now();
    const result = await harness.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`,
      { representations },
    );
    const entities = result.data?._entities as Array<{ id: string } | null>;
    expect(entities[0]).toEqual({ id: neighbourId });
    expect(entities.at(-1)).toEqual({ id: stripeCompletePaidId });
    expect(entities.slice(1, -1)).toEqual(ids.map(() => null));
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(cases.map((row) => row.code));
    expect(performance.now() - startedAt).toBeLessThan(deadlineMs + slackMs);
  });

  it('leaves no call hanging on the provider once the faults are over', async () => {
    harness.emulator.injectFault(faultyId, { kind: 'hang' });
    await harness.query(`{ checkoutSession(id: "${faultyId}") { id } }`);
    harness.emulator.clearFaults();
    const result = await harness.query(`{ checkoutSession(id: "${faultyId}") { id } }`);
    expect(result.data?.checkoutSession).toEqual({ id: faultyId });
    harness.emulator.resetCalls();
    expect(harness.emulator.peakInFlight).toBe(0);
  });

  it('absorbs faults in a share of all calls by retrying, so every session arrives', async () => {
    const ids = Array.from({ length: 24 }, (_, index) => `cs_test_shared${String(index).padStart(4, '0')}abcdefgh`);
    for (const id of ids) harness.emulator.putStripeSession({ id, object: 'checkout.session', status: 'complete' });
    harness.emulator.injectFaultForShare(0.25, { kind: 'status', status: 503 });
    const representations = ids.map((id) => ({ __typename: 'CheckoutSession', id }));
    const result = await harness.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`,
      { representations },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual(ids.map((id) => ({ id })));
    // Every fourth call failed and was tried again.
    expect(harness.emulator.countCalls('/v1/checkout/sessions/')).toBeGreaterThanOrEqual(ids.length + ids.length / 4);
  });
});

describe('Retry-After within the retry cap', () => {
  it('waits as long as the provider asked, then gets the session', async () => {
    const harness = await startHarness({ PROVIDER_TIMEOUT_MS: '3000', PROVIDER_RETRY_MAX_DELAY_MS: '1500' });
    try {
      harness.emulator.injectFault(faultyId, { kind: 'status', status: 429, headers: { 'retry-after': '1' } }, { times: 1 });
      const startedAt = performance.now();
      const result = await harness.query(`{ checkoutSession(id: "${faultyId}") { id } }`);
      expect(result.data?.checkoutSession).toEqual({ id: faultyId });
      expect(harness.emulator.countCalls(sessionPath(faultyId))).toBe(2);
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(1000);
    } finally {
      await harness.close();
    }
  });
});
