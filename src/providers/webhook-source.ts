/** The outcome of checking a webhook's signature; the reason is logged, never echoed with secrets. */
export type SignatureCheck = { valid: true } | { valid: false; reason: string };

export interface SignedDelivery {
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  rawBody: Buffer;
  /** Seconds since the epoch, now. */
  nowSeconds: number;
}

/** One provider's webhooks: how their signature is checked and which sessions an event is about. */
export interface WebhookSource {
  /** Provider name as it appears in logs, e.g. `Stripe`. */
  readonly provider: string;
  verify(delivery: SignedDelivery): SignatureCheck;
  /** Ids of the sessions a verified event says changed; empty when it is about none. */
  sessionIdsOf(event: unknown): string[];
  /** Whether the event ends the session's payment whatever its status shows (Stripe's `checkout.session.async_payment_failed`). */
  endsPayment(event: unknown): boolean;
}
