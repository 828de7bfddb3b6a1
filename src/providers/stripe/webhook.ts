import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { eventDigest, timestampProblem, type SignatureCheck, type SignedDelivery, type TimestampWindow, type WebhookSource } from '../webhook-source.js';
import { stripeIdentity } from './identity.js';

/** Stripe's ids are far shorter; a longer one is no session id and is neither evicted nor logged. */
const maxIdLength = 255;

const stripeWireEvent = z.object({
  type: z.string(),
  data: z.object({ object: z.object({ object: z.string(), id: z.string().max(maxIdLength) }) }),
});

const stripeEventId = z.object({ id: z.string().min(1).max(maxIdLength) });

/**
 * Stripe's webhooks: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=...]`
 * over `<t>.<raw body>` with the endpoint secret. Several `v1` values arrive while a
 * secret is being rolled; one match is enough.
 */
export class StripeWebhookSource implements WebhookSource {
  readonly provider = stripeIdentity.label;

  constructor(
    private readonly endpointSecret: string,
    private readonly window: TimestampWindow,
  ) {}

  verify({ header, rawBody, nowSeconds }: SignedDelivery): SignatureCheck {
    const signature = header('stripe-signature');
    if (signature === undefined) return { valid: false, reason: 'no Stripe-Signature header' };
    const { timestamp, candidates } = parseSignatureHeader(signature);
    if (timestamp === undefined) return { valid: false, reason: 'Stripe-Signature has no timestamp' };
    if (candidates.length === 0) return { valid: false, reason: 'Stripe-Signature has no v1 signature' };
    const problem = timestampProblem(Number(timestamp), nowSeconds, this.window);
    if (problem !== undefined) return { valid: false, reason: `Stripe-Signature timestamp ${problem}` };
    const expected = createHmac('sha256', this.endpointSecret)
      .update(`${timestamp}.`)
      .update(rawBody)
      .digest();
    const matches = candidates.some((candidate) => {
      const given = Buffer.from(candidate, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    return matches ? { valid: true } : { valid: false, reason: 'no Stripe-Signature v1 value matches' };
  }

  /** Stripe's event id (`evt_...`), which its retries keep; the signed timestamp and body for an event without one. */
  eventKeyOf(event: unknown, { header, rawBody }: SignedDelivery): string {
    const parsed = stripeEventId.safeParse(event);
    if (parsed.success) return eventDigest('event', parsed.data.id);
    return eventDigest('delivery', parseSignatureHeader(header('stripe-signature') ?? '').timestamp ?? '', rawBody);
  }

  sessionIdsOf(event: unknown): string[] {
    const parsed = stripeWireEvent.safeParse(event);
    if (!parsed.success || parsed.data.data.object.object !== 'checkout.session') return [];
    return [parsed.data.data.object.id];
  }

  endsPayment(event: unknown): boolean {
    const parsed = stripeWireEvent.safeParse(event);
    return parsed.success && parsed.data.type === paymentFailedEvent;
  }
}

/** Sent when a delayed payment failed: the session stays `complete` and `unpaid`, and that is final. */
const paymentFailedEvent = 'checkout.session.async_payment_failed';

function parseSignatureHeader(header: string): { timestamp: string | undefined; candidates: string[] } {
  let timestamp: string | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = value;
    if (name === 'v1' && /^[0-9a-fA-F]{64}$/.test(value)) candidates.push(value);
  }
  return { timestamp, candidates };
}
