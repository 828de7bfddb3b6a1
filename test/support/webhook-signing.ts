import { createHash, createHmac, randomBytes } from 'node:crypto';
import { request } from 'undici';

/** Signs a body as Stripe does: `t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, one v1 per secret. */
export function stripeSignatureHeader(secrets: string | string[], body: string, timestamp: number): string {
  const signatures = [secrets]
    .flat()
    .map((secret) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  return [`t=${timestamp}`, ...signatures].join(',');
}

/**
 * Signs a body as Converge Gate documents it: HMAC-SHA256(Sec-Timestamp + body) under
 * key = SHA256(secret key), taking hex for both digests and seconds for the timestamp.
 */
export function convergeGateSignatureHeaders(secretKey: string, body: string, timestamp: number): Record<string, string> {
  const key = createHash('sha256').update(secretKey).digest('hex');
  return {
    'sec-timestamp': String(timestamp),
    'sec-signature': createHmac('sha256', key).update(`${timestamp}${body}`).digest('hex'),
  };
}

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** An event id as Stripe gives each event: a new one every time. */
export function newStripeEventId(): string {
  return `evt_test${randomBytes(12).toString('hex')}`;
}

/** Posts a signed event (`checkout.session.completed` unless `type` says; a new event each time) for `session` to a subgraph's `/webhooks/stripe`; resolves to the status. */
export async function deliverStripeSessionEvent(
  baseUrl: string,
  secret: string,
  session: Record<string, unknown>,
  type = 'checkout.session.completed',
): Promise<number> {
  const body = JSON.stringify({
    id: newStripeEventId(),
    object: 'event',
    type,
    created: nowInSeconds(),
    data: { object: session },
  });
  const response = await request(`${baseUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(secret, body, nowInSeconds()) },
    body,
  });
  await response.body.dump();
  return response.statusCode;
}
