import { randomBytes } from 'node:crypto';
import {
  answering,
  json,
  type EmulatedAccount,
  type EmulatedRoutes,
  type EmulatorRoute,
  type NormalAnswer,
  type RateLimitedReason,
  type WireObject,
} from '../../emulated-provider.js';
import { expandStripeSession } from './expansions.js';
import { stripeLineItems } from './line-items.js';
import { stripeRefunds } from './refunds.js';
import { stripeSessions } from './sessions.js';

/**
 * Stripe's paths: a session, its line items, and a payment intent's refunds, with Stripe's
 * list pagination (`limit`, `starting_after`, `has_more`), its `expand[]` on a session and
 * its error bodies. Faults are keyed by session id, `<session id>/line_items`, or the
 * payment intent id of a refund list.
 */
export class StripeRoutes implements EmulatedRoutes {
  readonly secretKey: string;
  private readonly sessions = new Map<string, Record<string, unknown>>();
  private readonly refunds: WireObject[] = structuredClone([...stripeRefunds]);
  private readonly lineItems = new Map<string, WireObject[]>();
  private readonly maxListPageSize: number;

  constructor(options: EmulatedAccount) {
    this.secretKey = options.secretKey;
    this.maxListPageSize = options.maxListPageSize;
    for (const session of stripeSessions) this.sessions.set(session.id, structuredClone(session));
    for (const [id, items] of stripeLineItems) this.lineItems.set(id, structuredClone([...items]));
  }

  readonly rateLimits = {
    /** docs.stripe.com/rate-limits: per second, 100 calls in live mode and 25 in test mode for the account, 25 for each endpoint in both. */
    documented: () => ({ globalPerSecond: /^(sk|rk)_live_/.test(this.secretKey) ? 100 : 25, endpointPerSecond: 25 }),
    /** Stripe's answer over a limit: 429, `Stripe-Rate-Limited-Reason` naming it, and a `rate_limit_error`. */
    exceeded: (reason: RateLimitedReason) => ({
      ...errorAnswer(
        429,
        'rate_limit_error',
        'Request rate limit exceeded. Learn more about rate limits here https://docs.stripe.com/rate-limits.',
        'rate_limit',
      ),
      headers: { 'stripe-rate-limited-reason': reason },
    }),
  };

  /** Every answer of Stripe's carries the id of its request. */
  answerHeaders(): Record<string, string> {
    return { 'request-id': `req_${randomBytes(7).toString('hex')}` };
  }

  putSession(id: string, session: Record<string, unknown>): void {
    this.sessions.set(id, session);
  }

  unauthorized(): EmulatorRoute {
    return answering(undefined, () => errorAnswer(401, 'invalid_request_error', 'Invalid API Key provided'));
  }

  route(segments: readonly string[], query: URLSearchParams): EmulatorRoute {
    const path = `/${segments.join('/')}`;
    const [v1, first, second, id, last, ...rest] = segments;
    if (v1 === 'v1' && first === 'refunds' && second === undefined) {
      const paymentIntent = query.get('payment_intent') ?? undefined;
      const refunds = this.refunds.filter((refund) => paymentIntent === undefined || refund.payment_intent === paymentIntent);
      return answering(paymentIntent, () => this.listAnswer(path, refunds, query), '/v1/refunds');
    }
    if (v1 === 'v1' && first === 'checkout' && second === 'sessions' && id !== undefined && rest.length === 0) {
      if (last === undefined) return answering(id, () => this.sessionAnswer(id, expandPaths(query)), '/v1/checkout/sessions/{id}');
      if (last === 'line_items') {
        return answering(`${id}/line_items`, () => {
          if (!this.sessions.has(id)) return missingAnswer(id);
          return this.listAnswer(path, this.lineItems.get(id) ?? [], query);
        }, '/v1/checkout/sessions/{id}/line_items');
      }
    }
    return answering(undefined, () =>
      errorAnswer(404, 'invalid_request_error', `Unrecognized request URL (GET: ${path})`),
    );
  }

  private sessionAnswer(id: string, expand: readonly string[]): NormalAnswer {
    const session = this.sessions.get(id);
    if (!session) return missingAnswer(id);
    const answer = expandStripeSession(id, session, expand, this.lineItems.get(id) ?? []);
    if (!answer.ok) {
      return errorAnswer(400, 'invalid_request_error', `This property cannot be expanded (${answer.unknownPath}).`);
    }
    return json(200, answer.session);
  }

  private listAnswer(path: string, items: readonly WireObject[], query: URLSearchParams): NormalAnswer {
    const limit = Number(query.get('limit') ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return errorAnswer(400, 'invalid_request_error', 'Invalid integer: limit must be between 1 and 100', 'parameter_invalid_integer');
    }
    const startingAfter = query.get('starting_after');
    const start = startingAfter === null ? 0 : items.findIndex((item) => item.id === startingAfter) + 1;
    if (start === 0 && startingAfter !== null) {
      return errorAnswer(400, 'invalid_request_error', `No such object: '${startingAfter}'`, 'resource_missing');
    }
    const data = items.slice(start, start + Math.min(limit, this.maxListPageSize));
    return json(200, { object: 'list', data, has_more: start + data.length < items.length, url: path });
  }
}

/** `expand[]=a&expand[]=b`, as Stripe's clients send it, or `expand[0]=a&expand[1]=b`. */
function expandPaths(query: URLSearchParams): string[] {
  return [...query.entries()].filter(([name]) => /^expand\[\d*\]$/.test(name)).map(([, value]) => value);
}

function missingAnswer(id: string): NormalAnswer {
  return errorAnswer(404, 'invalid_request_error', `No such checkout.session: '${id}'`, 'resource_missing');
}

function errorAnswer(status: number, type: string, message: string, code?: string): NormalAnswer {
  return json(status, { error: { type, message, ...(code ? { code } : {}) } });
}
