import type { ServerResponse } from 'node:http';
import { stripeLineItems } from './data/stripe-line-items.js';
import { stripeRefunds } from './data/stripe-refunds.js';
import { stripeSessions } from './data/stripe-sessions.js';
import { answering, sendJson, type EmulatorRoute, type ProviderRoutes, type WireObject } from './route.js';

export interface StripeRoutesOptions {
  secretKey: string;
  /** Largest page the emulator answers, whatever `limit` asks for (Stripe's own cap is 100). */
  maxListPageSize: number;
}

/**
 * Stripe's paths: a session, its line items, and a payment intent's refunds, with Stripe's
 * list pagination (`limit`, `starting_after`, `has_more`) and error bodies. Faults are keyed
 * by session id, `<session id>/line_items`, or the payment intent id of a refund list.
 */
export class StripeRoutes implements ProviderRoutes {
  readonly secretKey: string;
  private readonly sessions = new Map<string, WireObject>();
  private readonly refunds: WireObject[] = structuredClone([...stripeRefunds]);
  private readonly lineItems = new Map<string, WireObject[]>();
  private readonly maxListPageSize: number;

  constructor(options: StripeRoutesOptions) {
    this.secretKey = options.secretKey;
    this.maxListPageSize = options.maxListPageSize;
    for (const session of stripeSessions) this.sessions.set(session.id, structuredClone(session));
    for (const [id, items] of stripeLineItems) this.lineItems.set(id, structuredClone([...items]));
  }

  putSession(session: WireObject): void {
    this.sessions.set(session.id, session);
  }

  unauthorized(): EmulatorRoute {
    return answering(undefined, (response) => sendError(response, 401, 'invalid_request_error', 'Invalid API Key provided'));
  }

  route(segments: readonly string[], query: URLSearchParams): EmulatorRoute {
    const path = `/${segments.join('/')}`;
    const [v1, first, second, id, last, ...rest] = segments;
    if (v1 === 'v1' && first === 'refunds' && second === undefined) {
      const paymentIntent = query.get('payment_intent') ?? undefined;
      const refunds = this.refunds.filter((refund) => paymentIntent === undefined || refund.payment_intent === paymentIntent);
      return answering(paymentIntent, (response) => this.sendList(response, path, refunds, query));
    }
    if (v1 === 'v1' && first === 'checkout' && second === 'sessions' && id !== undefined && rest.length === 0) {
      if (last === undefined) return answering(id, (response) => this.sendSession(response, id));
      if (last === 'line_items') {
        return answering(`${id}/line_items`, (response) => {
          if (!this.sessions.has(id)) return sendMissing(response, id);
          this.sendList(response, path, this.lineItems.get(id) ?? [], query);
        });
      }
    }
    return answering(undefined, (response) =>
      sendError(response, 404, 'invalid_request_error', `Unrecognized request URL (GET: ${path})`),
    );
  }

  private sendSession(response: ServerResponse, id: string): void {
    const session = this.sessions.get(id);
    if (!session) return sendMissing(response, id);
    sendJson(response, 200, session);
  }

  private sendList(response: ServerResponse, path: string, items: readonly WireObject[], query: URLSearchParams): void {
    const limit = Number(query.get('limit') ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return sendError(response, 400, 'invalid_request_error', 'Invalid integer: limit must be between 1 and 100', 'parameter_invalid_integer');
    }
    const startingAfter = query.get('starting_after');
    const start = startingAfter === null ? 0 : items.findIndex((item) => item.id === startingAfter) + 1;
    if (start === 0 && startingAfter !== null) {
      return sendError(response, 400, 'invalid_request_error', `No such object: '${startingAfter}'`, 'resource_missing');
    }
    const data = items.slice(start, start + Math.min(limit, this.maxListPageSize));
    sendJson(response, 200, { object: 'list', data, has_more: start + data.length < items.length, url: path });
  }
}

function sendMissing(response: ServerResponse, id: string): void {
  sendError(response, 404, 'invalid_request_error', `No such checkout.session: '${id}'`, 'resource_missing');
}

function sendError(response: ServerResponse, status: number, type: string, message: string, code?: string): void {
  sendJson(response, status, { error: { type, message, ...(code ? { code } : {}) } });
}
