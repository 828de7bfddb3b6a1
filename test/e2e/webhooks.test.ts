import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, useHarness, type Harness } from '../support/harness.js';
import { convergeGateSignatureHeaders, newStripeEventId, nowInSeconds, stripeSignatureHeader } from '../support/webhook-signing.js';

const stripeSecret = 'whsec_test_subgraphEndpoint42';
const convergeGateSecret = 'sk_test_convergeGateMerchant42';
const sessionId = 'cs_test_webhookInvalidation0001';
const sessionQuery = `query ($id: ID!) { checkoutSession(id: $id) { id status paymentStatus amountTotal { amount } } }`;

function wireSession(amountTotal: number) {
  return {
    id: sessionId,
    object: 'checkout.session',
    status: 'complete',
    payment_status: 'paid',
    amount_total: amountTotal,
    currency: 'usd',
  };
}

function stripeEvent(type: string, object: Record<string, unknown>): string {
  return JSON.stringify({
    id: newStripeEventId(),
    object: 'event',
    api_version: '2026-07-29.dahlia',
    created: nowInSeconds(),
    type,
    data: { object },
  });
}

describe('webhooks evict what they are about', () => {
  let harness: Harness;
  const post = async (path: string, body: string, headers: Record<string, string>) => {
    const response = await request(`${harness.subgraph.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
  };
  const readAmount = async () =>
    (await harness.query(sessionQuery, { id: sessionId })).data?.checkoutSession?.amountTotal?.amount as number;

  beforeAll(async () => {
    harness = await startHarness({
      CACHE: 'on',
      STRIPE_WEBHOOK_SECRET: stripeSecret,
      CONVERGEGATE_WEBHOOK_SECRET: convergeGateSecret,
      MAX_REQUEST_BODY_BYTES: '4096',
    });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    harness.emulator.putStripeSession(wireSession(1000));
    // Whatever an earlier test left cached, a valid event clears it.
    const body = stripeEvent('checkout.session.completed', wireSession(1000));
    await post('/webhooks/stripe', body, { 'stripe-signature': stripeSignatureHeader(stripeSecret, body, nowInSeconds()) });
    expect(await readAmount()).toBe(1000);
    harness.emulator.putStripeSession(wireSession(2500));
    expect(await readAmount()).toBe(1000);
    harness.emulator.resetCalls();
  });

  it('makes the next read fetch a session fresh after a signed Stripe event about it', async () => {
    const body = stripeEvent('checkout.session.async_payment_succeeded', wireSession(2500));
    const answer = await post('/webhooks/stripe', body, {
      'stripe-signature': stripeSignatureHeader(stripeSecret, body, nowInSeconds()),
    });
    expect(answer).toEqual({ status: 200, body: { received: true } });
    expect(await readAmount()).toBe(2500);
    expect(harness.emulator.countCalls(`/v1/checkout/sessions/${sessionId}`)).toBe(1);
  });

  it('answers 400 to a Stripe event signed with another secret, and keeps the cached session', async () => {
    const body = stripeEvent('checkout.session.completed', wireSession(2500));
    const answer = await post('/webhooks/stripe', body, {
      'stripe-signature': stripeSignatureHeader('whsec_attacker', body, nowInSeconds()),
    });
    expect(answer.status).toBe(400);
    expect(String(answer.body.error)).toContain('signature');
    expect(await readAmount()).toBe(1000);
    expect(harness.emulator.countCalls()).toBe(0);
  });

  it('answers 400 to a replayed Stripe event whose timestamp is past the tolerance', async () => {
    const body = stripeEvent('checkout.session.completed', wireSession(2500));
    const answer = await post('/webhooks/stripe', body, {
      'stripe-signature': stripeSignatureHeader(stripeSecret, body, nowInSeconds() - 600),
    });
    expect(answer.status).toBe(400);
    expect(await readAmount()).toBe(1000);
  });

  it('answers 400 to a Stripe event without a signature', async () => {
    const answer = await post('/webhooks/stripe', stripeEvent('checkout.session.completed', wireSession(2500)), {});
    expect(answer.status).toBe(400);
    expect(await readAmount()).toBe(1000);
  });

  it('acknowledges a signed Stripe event about something else without touching the session', async () => {
    const body = stripeEvent('charge.refunded', { id: 'ch_3Example', object: 'charge', amount_refunded: 500 });
    const answer = await post('/webhooks/stripe', body, {
      'stripe-signature': stripeSignatureHeader(stripeSecret, body, nowInSeconds()),
    });
    expect(answer.status).toBe(200);
    expect(await readAmount()).toBe(1000);
  });

  it('makes the next read fetch a session fresh after a signed Converge Gate event about it', async () => {
    const body = JSON.stringify({ type: 'checkout.session.completed', data: { object: { id: sessionId, status: 'completed' } } });
    const answer = await post('/webhooks/convergegate', body, convergeGateSignatureHeaders(convergeGateSecret, body, nowInSeconds()));
    expect(answer).toEqual({ status: 200, body: { received: true } });
    expect(await readAmount()).toBe(2500);
  });

  it('answers 400 to a Converge Gate event whose body was changed after signing', async () => {
    const signedBody = JSON.stringify({ data: { object: { id: 'someOtherSession000001' } } });
    const sentBody = JSON.stringify({ data: { object: { id: sessionId } } });
    const answer = await post('/webhooks/convergegate', sentBody, convergeGateSignatureHeaders(convergeGateSecret, signedBody, nowInSeconds()));
    expect(answer.status).toBe(400);
    expect(await readAmount()).toBe(1000);
  });

  it('evicts nothing and calls no provider when a delivered Stripe event is replayed within the tolerance', async () => {
    const body = stripeEvent('checkout.session.completed', wireSession(2500));
    const signature = stripeSignatureHeader(stripeSecret, body, nowInSeconds());
    expect((await post('/webhooks/stripe', body, { 'stripe-signature': signature })).status).toBe(200);
    expect(await readAmount()).toBe(2500);
    harness.emulator.putStripeSession(wireSession(3000));

    for (let replay = 0; replay < 5; replay += 1) {
      expect(await post('/webhooks/stripe', body, { 'stripe-signature': signature })).toEqual({ status: 200, body: { received: true } });
      expect(await readAmount()).toBe(2500);
    }
    // Stripe's own retry of the event carries a new signature and timestamp, and the same event id.
    const retried = { 'stripe-signature': stripeSignatureHeader(stripeSecret, body, nowInSeconds() + 1) };
    expect((await post('/webhooks/stripe', body, retried)).status).toBe(200);
    expect(await readAmount()).toBe(2500);
    expect(harness.emulator.countCalls(`/v1/checkout/sessions/${sessionId}`)).toBe(1);
  });

  it('evicts nothing and calls no provider when a delivered Converge Gate event is replayed', async () => {
    const body = JSON.stringify({ type: 'checkout.session.completed', data: { object: { id: sessionId, status: 'completed', amount_total: 2500 } } });
    const headers = convergeGateSignatureHeaders(convergeGateSecret, body, nowInSeconds());
    expect((await post('/webhooks/convergegate', body, headers)).status).toBe(200);
    expect(await readAmount()).toBe(2500);
    harness.emulator.putStripeSession(wireSession(3000));
    for (let replay = 0; replay < 5; replay += 1) expect((await post('/webhooks/convergegate', body, headers)).status).toBe(200);
    expect(await readAmount()).toBe(2500);
    expect(harness.emulator.countCalls(`/v1/checkout/sessions/${sessionId}`)).toBe(1);
  });

  it('answers 400 to a Stripe event signed more than 30 s ahead of this clock, and keeps the cached session', async () => {
    const body = stripeEvent('checkout.session.completed', wireSession(2500));
    const answer = await post('/webhooks/stripe', body, { 'stripe-signature': stripeSignatureHeader(stripeSecret, body, nowInSeconds() + 120) });
    expect(answer.status).toBe(400);
    expect(await readAmount()).toBe(1000);
  });

  it('answers 413 to a webhook body over the size limit, before checking anything', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(5000) });
    const answer = await post('/webhooks/stripe', body, { 'stripe-signature': stripeSignatureHeader(stripeSecret, body, nowInSeconds()) });
    expect(answer.status).toBe(413);
    expect(await readAmount()).toBe(1000);
  });

  it('answers 405 to a webhook path fetched with GET', async () => {
    const response = await request(`${harness.subgraph.url}/webhooks/stripe`);
    await response.body.dump();
    expect(response.statusCode).toBe(405);
  });
});

describe('webhooks without a secret', () => {
  const harness = useHarness();

  it('answers 404 naming the missing secret, so no unverifiable event is ever accepted', async () => {
    const response = await request(`${harness.subgraph.url}/webhooks/stripe`, { method: 'POST', body: '{}' });
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toEqual({ error: 'Webhooks are not enabled at /webhooks/stripe: STRIPE_WEBHOOK_SECRET is not set' });
  });
});
