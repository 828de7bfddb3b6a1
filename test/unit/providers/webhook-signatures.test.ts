import { describe, expect, it } from 'vitest';
import { ConvergeGateWebhookSource } from '../../../src/providers/convergegate/webhook.js';
import { StripeWebhookSource } from '../../../src/providers/stripe/webhook.js';
import type { SignedDelivery } from '../../../src/providers/webhook-source.js';
import { convergeGateSignatureHeaders, stripeSignatureHeader } from '../../support/webhook-signing.js';

const now = 1_767_000_000;
const stripeSecret = 'whsec_test_endpointSecret123';
const stripeEvent = JSON.stringify({
  id: 'evt_1QExample',
  object: 'event',
  type: 'checkout.session.completed',
  data: { object: { id: 'cs_test_webhookSession0001', object: 'checkout.session', status: 'complete' } },
});

function delivery(headers: Record<string, string>, body: string, nowSeconds = now): SignedDelivery {
  return { header: (name) => headers[name], rawBody: Buffer.from(body), nowSeconds };
}

describe('Stripe webhook signatures', () => {
  const stripe = new StripeWebhookSource(stripeSecret, { toleranceSeconds: 300, futureSkewSeconds: 30 });
  const signed = (header: string, body = stripeEvent, at = now) => stripe.verify(delivery({ 'stripe-signature': header }, body, at));

  it('accepts an event signed with the endpoint secret', () => {
    expect(signed(stripeSignatureHeader(stripeSecret, stripeEvent, now))).toEqual({ valid: true });
  });

  it('accepts an event while the secret is rolled, when any v1 signature matches', () => {
    const header = stripeSignatureHeader(['whsec_old_secret', stripeSecret], stripeEvent, now);
    expect(signed(header)).toEqual({ valid: true });
  });

  it('ignores schemes it does not know, such as v0, next to a valid v1', () => {
    const header = `${stripeSignatureHeader(stripeSecret, stripeEvent, now)},v0=${'0'.repeat(64)}`;
    expect(signed(header)).toEqual({ valid: true });
  });

  it.each([
    ['a body changed after signing', stripeSignatureHeader(stripeSecret, stripeEvent, now), stripeEvent.replace('complete"', 'open"'), now],
    ['another secret', stripeSignatureHeader('whsec_someone_else', stripeEvent, now), stripeEvent, now],
    ['a timestamp older than the tolerance', stripeSignatureHeader(stripeSecret, stripeEvent, now - 301), stripeEvent, now],
    ['a timestamp too far ahead', stripeSignatureHeader(stripeSecret, stripeEvent, now + 301), stripeEvent, now],
    ['no v1 signature', `t=${now}`, stripeEvent, now],
    ['no timestamp', stripeSignatureHeader(stripeSecret, stripeEvent, now).replace(/^t=\d+,/, ''), stripeEvent, now],
    ['a truncated signature', stripeSignatureHeader(stripeSecret, stripeEvent, now).slice(0, -2), stripeEvent, now],
  ])('rejects %s', (_name, header, body, at) => {
    expect(signed(header, body, at)).toMatchObject({ valid: false });
  });

  it('accepts a timestamp up to 30 s ahead of this clock, and not one 31 s or 299 s ahead', () => {
    expect(signed(stripeSignatureHeader(stripeSecret, stripeEvent, now + 30))).toEqual({ valid: true });
    expect(signed(stripeSignatureHeader(stripeSecret, stripeEvent, now + 31))).toEqual({
      valid: false,
      reason: 'Stripe-Signature timestamp is more than 30 s in the future',
    });
    expect(signed(stripeSignatureHeader(stripeSecret, stripeEvent, now + 299))).toMatchObject({ valid: false });
  });

  it('names a delivered event by its event id, however often and whenever Stripe sends it', () => {
    const keyOf = (body: string, at: number) =>
      stripe.eventKeyOf(JSON.parse(body), delivery({ 'stripe-signature': stripeSignatureHeader(stripeSecret, body, at) }, body, at));
    const other = stripeEvent.replace('"id":"evt_', '"id":"evt_other');
    expect(keyOf(stripeEvent, now)).toBe(keyOf(stripeEvent, now + 3_600));
    expect(keyOf(other, now)).not.toBe(keyOf(stripeEvent, now));
    expect(keyOf(stripeEvent, now)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects a delivery without a Stripe-Signature header', () => {
    expect(stripe.verify(delivery({}, stripeEvent))).toEqual({ valid: false, reason: 'no Stripe-Signature header' });
  });

  it('reads the session a checkout.session event is about, and none from other events', () => {
    expect(stripe.sessionIdsOf(JSON.parse(stripeEvent))).toEqual(['cs_test_webhookSession0001']);
    expect(
      stripe.sessionIdsOf({ type: 'charge.refunded', data: { object: { id: 'ch_1', object: 'charge' } } }),
    ).toEqual([]);
    expect(stripe.sessionIdsOf({ unexpected: true })).toEqual([]);
    expect(stripe.endsPayment(JSON.parse(stripeEvent))).toBe(false);
    expect(
      stripe.endsPayment({ type: 'checkout.session.async_payment_failed', data: { object: { id: 'cs_test_failedDebit', object: 'checkout.session' } } }),
    ).toBe(true);
  });
});

describe('Converge Gate webhook signatures', () => {
  const secretKey = 'sk_test_convergeGateKey123';
  const convergeGate = new ConvergeGateWebhookSource(secretKey, { toleranceSeconds: 300, futureSkewSeconds: 30 });
  const event = JSON.stringify({ type: 'checkout.session.completed', data: { object: { id: 'Qk9vT3pXbHZ1RzhtYTJkZg', status: 'completed' } } });

  it('accepts an event signed with the hex SHA-256 of the secret key over timestamp and body', () => {
    expect(convergeGate.verify(delivery(convergeGateSignatureHeaders(secretKey, event, now), event))).toEqual({ valid: true });
  });

  it('accepts the signature in upper-case hex', () => {
    const headers = convergeGateSignatureHeaders(secretKey, event, now);
    headers['sec-signature'] = headers['sec-signature']!.toUpperCase();
    expect(convergeGate.verify(delivery(headers, event))).toEqual({ valid: true });
  });

  it.each([
    ['a changed body', convergeGateSignatureHeaders(secretKey, event, now), `${event} `],
    ['another key', convergeGateSignatureHeaders('sk_test_other', event, now), event],
    ['a stale timestamp', convergeGateSignatureHeaders(secretKey, event, now - 3_600), event],
    ['a timestamp in milliseconds', convergeGateSignatureHeaders(secretKey, event, now * 1000), event],
    ['a missing timestamp', { 'sec-signature': convergeGateSignatureHeaders(secretKey, event, now)['sec-signature']! }, event],
    ['a signature that is not hex', { ...convergeGateSignatureHeaders(secretKey, event, now), 'sec-signature': 'not-hex' }, event],
  ])('rejects %s', (_name, headers, body) => {
    expect(convergeGate.verify(delivery(headers, body))).toMatchObject({ valid: false });
  });

  it('accepts a timestamp up to 30 s ahead of this clock, and not one 31 s ahead', () => {
    expect(convergeGate.verify(delivery(convergeGateSignatureHeaders(secretKey, event, now + 30), event))).toEqual({ valid: true });
    expect(convergeGate.verify(delivery(convergeGateSignatureHeaders(secretKey, event, now + 31), event))).toEqual({
      valid: false,
      reason: 'Sec-Timestamp is more than 30 s in the future',
    });
  });

  it('names a delivery by its signed timestamp and body, since Converge Gate documents no event id', () => {
    const keyOf = (body: string, at: number) => convergeGate.eventKeyOf(JSON.parse(body), delivery(convergeGateSignatureHeaders(secretKey, body, at), body));
    expect(keyOf(event, now)).toBe(keyOf(event, now));
    expect(keyOf(event, now + 1)).not.toBe(keyOf(event, now));
    expect(keyOf(`${event} `, now)).not.toBe(keyOf(event, now));
  });

  it.each([
    ['an event wrapping the session', { type: 'x', data: { object: { id: 'sessionId0000000000001' } } }, ['sessionId0000000000001']],
    ['an event wrapping a refund of the session', { data: { object: { id: 're_1', session_id: 'sessionId0000000000002' } } }, ['sessionId0000000000002']],
    ['the session itself', { id: 'sessionId0000000000003', status: 'pending' }, ['sessionId0000000000003']],
    ['a body without any id', { status: 'pending' }, []],
  ])('reads the session id from %s', (_name, body, expected) => {
    expect(convergeGate.sessionIdsOf(body)).toEqual(expected);
  });
});
