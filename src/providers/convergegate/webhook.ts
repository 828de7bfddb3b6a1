import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { eventDigest, timestampProblem, type SignatureCheck, type SignedDelivery, type TimestampWindow, type WebhookSource } from '../webhook-source.js';
import { convergeGateIdentity } from './identity.js';

const maxIdLength = 255;

/**
 * Converge Gate's webhooks: `Sec-Signature` is HMAC-SHA256(`Sec-Timestamp` + raw body)
 * under key = SHA256(secret API key). Its documentation leaves the encodings and the
 * timestamp's unit open; `verify` alone decides them (see there).
 */
export class ConvergeGateWebhookSource implements WebhookSource {
  readonly provider = convergeGateIdentity.label;
  private readonly signingKey: string;

  constructor(
    secretKey: string,
    private readonly window: TimestampWindow,
  ) {
    this.signingKey = createHash('sha256').update(secretKey).digest('hex');
  }

  /**
   * Where the documentation is silent we take: the key is the SHA-256 digest of the secret
   * key as lower-case hex text (made once, in the constructor), `Sec-Signature` is the HMAC
   * as hex (either case), and `Sec-Timestamp` is whole seconds since the epoch,
   * concatenated exactly as sent.
   */
  verify({ header, rawBody, nowSeconds }: SignedDelivery): SignatureCheck {
    const signature = header('sec-signature')?.trim();
    const timestamp = header('sec-timestamp')?.trim();
    if (signature === undefined || timestamp === undefined) {
      return { valid: false, reason: 'no Sec-Signature or Sec-Timestamp header' };
    }
    if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'Sec-Timestamp is not whole seconds' };
    const problem = timestampProblem(Number(timestamp), nowSeconds, this.window);
    if (problem !== undefined) return { valid: false, reason: `Sec-Timestamp ${problem}` };
    if (!/^[0-9a-fA-F]{64}$/.test(signature)) return { valid: false, reason: 'Sec-Signature is not a hex SHA-256 HMAC' };
    const expected = createHmac('sha256', this.signingKey).update(timestamp).update(rawBody).digest();
    const given = Buffer.from(signature, 'hex');
    return timingSafeEqual(given, expected) ? { valid: true } : { valid: false, reason: 'Sec-Signature does not match' };
  }

  /** Converge Gate documents no event id: the signed timestamp and body name a delivery, and a replay repeats both. */
  eventKeyOf(_event: unknown, { header, rawBody }: SignedDelivery): string {
    return eventDigest('delivery', header('sec-timestamp')?.trim() ?? '', rawBody);
  }

  /**
   * The event body is not documented. Read the shapes a Stripe-like gateway sends: an
   * event wrapping the session (or a refund carrying `session_id`), or the session itself.
   */
  /** Converge Gate's statuses say when a session is final; no event does. */
  endsPayment(): boolean {
    return false;
  }

  sessionIdsOf(event: unknown): string[] {
    const body = asRecord(event);
    const object = asRecord(asRecord(body?.data)?.object);
    const candidates = object ? [object.session_id ?? object.id] : [body?.session_id ?? body?.id];
    return candidates.filter(
      (id): id is string => typeof id === 'string' && id.length > 0 && id.length <= maxIdLength,
    );
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
