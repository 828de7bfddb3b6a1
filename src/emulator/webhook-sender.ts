import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { request } from 'undici';
import type { MovingSession } from './data/moving-sessions.js';

/** Where the emulator sends its webhooks, and the secrets each provider signs them with. */
export interface WebhookTarget {
  /** The subgraph's base URL; events go to `/webhooks/stripe` and `/webhooks/convergegate`. */
  subgraphUrl: string;
  /** Stripe's endpoint secret (`whsec_...`). */
  stripeSecret: string | undefined;
  /** The Converge Gate secret key its webhooks are signed with. */
  convergeGateSecret: string | undefined;
}

/**
 * Sends the event a moving session's change makes its provider send, signed as that
 * provider signs: Stripe's `Stripe-Signature` (`t=...,v1=<HMAC-SHA256 of "t.body">`),
 * Converge Gate's `Sec-Timestamp` and `Sec-Signature` (HMAC-SHA256 of timestamp + body
 * under SHA-256 of the secret key, both as hex). Each delivery is logged to `logger`.
 */
export async function sendWebhook(target: WebhookTarget, moved: MovingSession, logger: Logger): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const path = moved.provider === 'stripe' ? '/webhooks/stripe' : '/webhooks/convergegate';
  const secret = moved.provider === 'stripe' ? target.stripeSecret : target.convergeGateSecret;
  if (secret === undefined) return;
  const body = JSON.stringify({
    id: `evt_emulator${randomBytes(12).toString('hex')}`,
    object: 'event',
    type: moved.eventType,
    created: timestamp,
    data: { object: moved.provider === 'stripe' ? moved.after : { object: 'checkout.session', ...moved.after } },
  });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (moved.provider === 'stripe') {
    headers['stripe-signature'] = `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  } else {
    const key = createHash('sha256').update(secret).digest('hex');
    headers['sec-timestamp'] = String(timestamp);
    headers['sec-signature'] = createHmac('sha256', key).update(`${timestamp}${body}`).digest('hex');
  }
  try {
    const response = await request(`${target.subgraphUrl}${path}`, { method: 'POST', headers, body });
    await response.body.dump();
    logger.info({ sessionId: moved.id, status: response.statusCode }, 'emulator sent a webhook');
  } catch (error) {
    logger.warn({ sessionId: moved.id, err: error }, 'emulator could not send a webhook');
  }
}
