import { createHash } from 'node:crypto';

/** The outcome of checking a webhook's signature; the reason is logged, never echoed with secrets. */
export type SignatureCheck = { valid: true } | { valid: false; reason: string };

export interface SignedDelivery {
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  rawBody: Buffer;
  /** Seconds since the epoch, now. */
  nowSeconds: number;
}

/** One provider's webhooks: how their signature is checked, which event a delivery is and which sessions it is about. */
export interface WebhookSource {
  /** Its provider's label, as it appears in logs and metric labels, e.g. `Stripe`. */
  readonly provider: string;
  verify(delivery: SignedDelivery): SignatureCheck;
  /** Ids of the sessions a verified event says changed; empty when it is about none. */
  sessionIdsOf(event: unknown): string[];
  /** Whether the event ends the session's payment whatever its status shows (Stripe's `checkout.session.async_payment_failed`). */
  endsPayment(event: unknown): boolean;
  /** A fixed-size digest naming the event a verified delivery carries: the same event delivered again gives the same. */
  eventKeyOf(event: unknown, delivery: SignedDelivery): string;
}

/** How far from now a signed timestamp may be: far into the past (deliveries are late), little into the future (clocks drift). */
export interface TimestampWindow {
  toleranceSeconds: number;
  futureSkewSeconds: number;
}

/** Why a signed timestamp is refused now; undefined when it is within the window. */
export function timestampProblem(timestamp: number, nowSeconds: number, window: TimestampWindow): string | undefined {
  if (nowSeconds - timestamp > window.toleranceSeconds) return `is older than the tolerance of ${window.toleranceSeconds} s`;
  if (timestamp - nowSeconds > window.futureSkewSeconds) return `is more than ${window.futureSkewSeconds} s in the future`;
  return undefined;
}

/** SHA-256 of the parts, in hex: a digest fit for a Redis key, whatever the parts' length. */
export function eventDigest(...parts: Array<string | Buffer>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
}
