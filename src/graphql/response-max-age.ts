import type { CheckoutSession } from '../model/checkout-session.js';
import { isFinalSession } from '../model/session-finality.js';

/**
 * How long, in seconds, a response may be cached, by what it holds. The response's
 * `Cache-Control` takes the shortest age of everything in it; a response with errors
 * is never cached (`no-store`).
 */
export const responseMaxAges = {
  /** A session that can no longer change: expired, or complete with its payment settled. */
  settledSession: 600,
  /** A session that may still change: open, pending, complete but still awaiting its payment, or unknown. */
  changingSession: 5,
  /** Refunds can be issued at any time, even on a settled session. */
  refunds: 30,
} as const;

export function sessionMaxAge(session: CheckoutSession): number {
  return isFinalSession(session) ? responseMaxAges.settledSession : responseMaxAges.changingSession;
}

/**
 * The ages one GraphQL request's resolvers found for what they loaded. Each restricts
 * rather than replaces: `_entities` resolves a whole batch, and the shortest age must win.
 */
export class ResponseMaxAge {
  private shortestAge: number | undefined;

  restrict(maxAgeSeconds: number): void {
    if (this.shortestAge === undefined || maxAgeSeconds < this.shortestAge) this.shortestAge = maxAgeSeconds;
  }

  /** Undefined until a resolver recorded an age. */
  get maxAge(): number | undefined {
    return this.shortestAge;
  }
}
