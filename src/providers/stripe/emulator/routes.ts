import { randomBytes } from 'node:crypto';
import {
  json,
  type EmulatedAccount,
  type EmulatedRoutes,
  type EmulatorRoute,
  type NormalAnswer,
  type RateLimitedReason,
  type WireObject,
} from '../../emulated-provider.js';
import { stripeEndpoints } from '../rate-limits.js';
import { stripeErrorAnswer, type StripeRequest } from './errors.js';
import { expandObject, expansionProblem, type ExpansionSources } from './expansions.js';
import { stripeLineItems, stripeProducts } from './line-items.js';
import { stripeInvoicePayments, stripePayments } from './payments.js';
import { stripeRefunds } from './refunds.js';
import { stripeSessions } from './sessions.js';
import { wireObject } from './stripe-json.js';

/** Stripe's default page of a list, as an expanded `line_items` carries it. */
const expandedListSize = 10;

/** A list endpoint's items: what kind they are, and which of the account's objects it lists for the filter its query names. */
interface ListedKind {
  kind: string;
  filter: string;
}

const refundList: ListedKind = { kind: 'refund', filter: 'payment_intent' };
const invoicePaymentList: ListedKind = { kind: 'invoice_payment', filter: 'invoice' };

/**
 * Stripe's paths: a session and its line items, a payment intent, and the lists of refunds
 * (by payment intent) and invoice payments (by invoice), with Stripe's list pagination
 * (`limit`, `starting_after`, `has_more`), its `expand[]` on every one of them (up to four
 * levels, through the payment intents, charges, balance transactions and products it
 * holds), its error bodies and a `Request-Id` on every answer. Faults are keyed by session
 * id, `<session id>/line_items`, the payment intent id of a refund list, the invoice id of
 * an invoice payment list, or `payment_intents/<id>`.
 */
export class StripeRoutes implements EmulatedRoutes {
  readonly secretKey: string;
  private readonly livemode: boolean;
  private readonly sessions = new Map<string, Record<string, unknown>>();
  private readonly lineItems = new Map<string, WireObject[]>();
  /** Every other object, by kind (`object`) and id. */
  private readonly objects = new Map<string, Map<string, WireObject>>();
  private readonly maxListPageSize: number;
  private readonly sources: ExpansionSources = {
    object: (kind, id) => this.objects.get(kind)?.get(id),
    included: (kind, path, object) =>
      kind === 'checkout.session' && path === 'line_items' && typeof object.id === 'string' ? this.expandedLineItems(object.id) : undefined,
  };

  constructor(options: EmulatedAccount) {
    this.secretKey = options.secretKey;
    this.livemode = /^(sk|rk)_live_/.test(options.secretKey);
    this.maxListPageSize = options.maxListPageSize;
    for (const session of stripeSessions) this.sessions.set(session.id, structuredClone(session));
    for (const [id, items] of stripeLineItems) this.lineItems.set(id, structuredClone([...items]));
    const objects = [
      ...stripePayments.flatMap(({ paymentIntent, charge, balanceTransaction }) => [paymentIntent, charge, ...(balanceTransaction ? [balanceTransaction] : [])]),
      ...stripeInvoicePayments,
      ...stripeRefunds,
      ...stripeProducts,
    ];
    for (const object of objects) this.putObject(wireObject(structuredClone(object)));
  }

  readonly rateLimits = {
    /** docs.stripe.com/rate-limits: per second, 100 calls in live mode and 25 in test mode for the account, 25 for each endpoint in both. */
    documented: () => ({ globalPerSecond: this.livemode ? 100 : 25, endpointPerSecond: 25 }),
  };

  putSession(id: string, session: Record<string, unknown>): void {
    this.sessions.set(id, session);
  }

  putObject(object: WireObject): void {
    const kind = String(object.object);
    let ofKind = this.objects.get(kind);
    if (!ofKind) this.objects.set(kind, (ofKind = new Map()));
    ofKind.set(object.id, object);
  }

  unauthorized(): EmulatorRoute {
    return this.answering(undefined, undefined, () =>
      stripeErrorAnswer(undefined, 401, { type: 'invalid_request_error', message: 'Invalid API Key provided' }),
    );
  }

  route(segments: readonly string[], query: URLSearchParams): EmulatorRoute {
    const path = `/${segments.join('/')}`;
    const expand = expandPaths(query);
    const [v1, first, second, third, fourth, ...rest] = segments;
    if (v1 === 'v1' && first === 'refunds' && second === undefined) {
      return this.answering(query.get(refundList.filter) ?? undefined, stripeEndpoints.refunds, (request) =>
        this.listAnswer(request, path, this.listed(refundList, query), 'list:refund', expand, query),
      );
    }
    if (v1 === 'v1' && first === 'invoice_payments' && second === undefined) {
      return this.answering(query.get(invoicePaymentList.filter) ?? undefined, stripeEndpoints.invoicePayments, (request) =>
        this.listAnswer(request, path, this.listed(invoicePaymentList, query), 'list:invoice_payment', expand, query),
      );
    }
    if (v1 === 'v1' && first === 'payment_intents' && second !== undefined && third === undefined) {
      return this.answering(`payment_intents/${second}`, stripeEndpoints.paymentIntent, (request) => {
        const paymentIntent = this.objects.get('payment_intent')?.get(second);
        if (!paymentIntent) return missingAnswer(request, 'payment_intent', second, 'intent');
        return this.expandedAnswer(request, paymentIntent, 'payment_intent', expand);
      });
    }
    if (v1 === 'v1' && first === 'checkout' && second === 'sessions' && third !== undefined && rest.length === 0) {
      const id = third;
      if (fourth === undefined) {
        return this.answering(id, stripeEndpoints.session, (request) => {
          const session = this.sessions.get(id);
          if (!session) return missingAnswer(request, 'checkout.session', id, 'session');
          return this.expandedAnswer(request, session, 'checkout.session', expand);
        });
      }
      if (fourth === 'line_items') {
        return this.answering(`${id}/line_items`, stripeEndpoints.lineItems, (request) => {
          if (!this.sessions.has(id)) return missingAnswer(request, 'checkout.session', id, 'session');
          return this.listAnswer(request, path, this.lineItems.get(id) ?? [], 'list:item', expand, query);
        });
      }
    }
    return this.answering(undefined, undefined, (request) =>
      stripeErrorAnswer(request, 404, { type: 'invalid_request_error', message: `Unrecognized request URL (GET: ${path})` }),
    );
  }

  /** A route with its own request id, on every answer and in every error body; over a rate limit, Stripe's 429. */
  private answering(faultKey: string | undefined, endpoint: string | undefined, answer: (request: StripeRequest) => NormalAnswer): EmulatorRoute {
    const request: StripeRequest = { id: `req_${randomBytes(7).toString('hex')}`, livemode: this.livemode };
    return {
      faultKey,
      endpoint,
      headers: { 'request-id': request.id },
      answer: () => answer(request),
      overRateLimit: (reason: RateLimitedReason) => ({
        ...stripeErrorAnswer(request, 429, {
          type: 'rate_limit_error',
          code: 'rate_limit',
          message: 'Request rate limit exceeded. Learn more about rate limits here https://docs.stripe.com/rate-limits.',
        }),
        headers: { 'stripe-rate-limited-reason': reason },
      }),
    };
  }

  /** The objects of a list endpoint for its query's filter (all of them without one), newest first as Stripe lists them. */
  private listed({ kind, filter }: ListedKind, query: URLSearchParams): WireObject[] {
    const wanted = query.get(filter);
    const all = [...(this.objects.get(kind)?.values() ?? [])];
    return all
      .filter((object) => wanted === null || object[filter] === wanted)
      .sort((a, b) => Number(b.created ?? 0) - Number(a.created ?? 0));
  }

  private expandedAnswer(request: StripeRequest, object: Record<string, unknown>, kind: string, expand: readonly string[]): NormalAnswer {
    return this.refusedExpansion(request, kind, expand) ?? json(200, expandObject(object, kind, expand, this.sources));
  }

  private refusedExpansion(request: StripeRequest, kind: string, expand: readonly string[]): NormalAnswer | undefined {
    const problem = expansionProblem(kind, expand);
    if (problem === undefined) return undefined;
    if ('tooDeep' in problem) {
      return stripeErrorAnswer(request, 400, {
        type: 'invalid_request_error',
        code: 'property_expansion_max_depth',
        message: `You cannot expand more than 4 levels of a property. Property: ${problem.tooDeep}`,
        param: 'expand',
      });
    }
    return stripeErrorAnswer(request, 400, {
      type: 'invalid_request_error',
      message: `This property cannot be expanded (${problem.cannotExpand}).`,
      param: 'expand',
    });
  }

  private listAnswer(
    request: StripeRequest,
    path: string,
    items: readonly WireObject[],
    kind: string,
    expand: readonly string[],
    query: URLSearchParams,
  ): NormalAnswer {
    const refused = this.refusedExpansion(request, kind, expand);
    if (refused) return refused;
    const limit = Number(query.get('limit') ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return stripeErrorAnswer(request, 400, {
        type: 'invalid_request_error',
        code: 'parameter_invalid_integer',
        message: 'Invalid integer: limit must be between 1 and 100',
        param: 'limit',
      });
    }
    const startingAfter = query.get('starting_after');
    const start = startingAfter === null ? 0 : items.findIndex((item) => item.id === startingAfter) + 1;
    if (start === 0 && startingAfter !== null) {
      return stripeErrorAnswer(request, 400, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: `No such object: '${startingAfter}'`,
        param: 'starting_after',
      });
    }
    const data = items.slice(start, start + Math.min(limit, this.maxListPageSize));
    const list = { object: 'list', data, has_more: start + data.length < items.length, url: path };
    return json(200, expandObject(list, kind, expand, this.sources));
  }

  /** A session's `line_items` as an expanded session carries them: Stripe's default page, saying whether there are more. */
  private expandedLineItems(sessionId: string): Record<string, unknown> {
    const items = this.lineItems.get(sessionId) ?? [];
    const data = items.slice(0, expandedListSize);
    return { object: 'list', data, has_more: items.length > data.length, url: `/v1/checkout/sessions/${sessionId}/line_items` };
  }
}

/** `expand[]=a&expand[]=b`, as Stripe's clients send it, or `expand[0]=a&expand[1]=b`. */
function expandPaths(query: URLSearchParams): string[] {
  return [...query.entries()].filter(([name]) => /^expand\[\d*\]$/.test(name)).map(([, value]) => value);
}

function missingAnswer(request: StripeRequest, objectName: string, id: string, param: string): NormalAnswer {
  return stripeErrorAnswer(request, 404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${objectName}: '${id}'`,
    param,
  });
}
