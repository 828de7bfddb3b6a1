import type { z } from 'zod';
import { ProviderBadResponseError, ProviderRequestError, SessionNotFoundError } from '../../errors.js';
import type { CheckoutSession } from '../../model/checkout-session.js';
import type { CheckoutLineItem } from '../../model/line-item.js';
import type { Refund } from '../../model/refund.js';
import type { CheckoutProvider } from '../checkout-provider.js';
import type { ProviderHttpClient, ProviderJsonResponse } from '../http.js';
import { basicAuthorization, providerUrl } from '../provider-url.js';
import { toCheckoutSession, toLineItem, toRefund } from './map.js';
import { stripeWireError, stripeWireLineItem, stripeWireList, stripeWireRefund, stripeWireSession } from './wire.js';

export interface StripeClientOptions {
  apiUrl: string;
  secretKey: string;
  apiVersion: string;
}

const providerName = 'Stripe';
/** Stripe's largest page. */
const pageSize = 100;
/** A list longer than this many pages is taken for a provider loop, not data. */
const maxPages = 100;

const refundPage = stripeWireList(stripeWireRefund);
const lineItemPage = stripeWireList(stripeWireLineItem);
/** Stripe allows about 100 reads per second with a live key and 25 with a test key. */
const liveModeRateLimit = 90;
const testModeRateLimit = 20;

export class StripeClient implements CheckoutProvider {
  readonly name = 'STRIPE' as const;
  readonly displayName = providerName;
  private readonly headers: Record<string, string>;
  private readonly rateLimit: number;

  constructor(
    private readonly http: ProviderHttpClient,
    private readonly options: StripeClientOptions,
  ) {
    this.headers = {
      authorization: basicAuthorization(options.secretKey),
      'stripe-version': options.apiVersion,
    };
    this.rateLimit = /^(sk|rk)_live_/.test(options.secretKey) ? liveModeRateLimit : testModeRateLimit;
  }

  async retrieveSession(id: string): Promise<CheckoutSession> {
    const response = await this.get(['v1', 'checkout', 'sessions', id]);
    if (response.status === 404) throw new SessionNotFoundError(id);
    return toCheckoutSession(readBody(stripeWireSession, response, 'not a checkout session'), response.text, id);
  }

  async listRefunds(paymentIntentId: string): Promise<Refund[]> {
    const refunds = await this.listAll(['v1', 'refunds'], { payment_intent: paymentIntentId }, refundPage, 'refunds');
    return refunds.map(toRefund);
  }

  async listLineItems(sessionId: string): Promise<CheckoutLineItem[]> {
    const items = await this.listAll(['v1', 'checkout', 'sessions', sessionId, 'line_items'], {}, lineItemPage, 'line items');
    return items.map(toLineItem);
  }

  /** Follows `has_more` with `starting_after` until the list ends. */
  private async listAll<Item extends { id: string }>(
    segments: string[],
    query: Record<string, string>,
    page: z.ZodType<{ data: Item[]; has_more: boolean }>,
    what: string,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let startingAfter: string | undefined;
    for (let pageNumber = 1; pageNumber <= maxPages; pageNumber += 1) {
      const response = await this.get(segments, {
        ...query,
        limit: String(pageSize),
        ...(startingAfter ? { starting_after: startingAfter } : {}),
      });
      if (response.status === 404) {
        throw new ProviderRequestError(providerName, 404, readErrorType(response.body), response.requestId);
      }
      const { data, has_more: hasMore } = readBody(page, response, `not a list of ${what}`);
      items.push(...data);
      if (!hasMore) return items;
      startingAfter = data.at(-1)?.id;
      if (startingAfter === undefined) {
        throw new ProviderBadResponseError(providerName, `an empty page of ${what} that claims more`, response.requestId);
      }
    }
    throw new ProviderBadResponseError(providerName, `more than ${maxPages} pages of ${what}`);
  }

  private get(segments: string[], query?: Record<string, string>): Promise<ProviderJsonResponse> {
    return this.http.getJson({
      provider: providerName,
      url: providerUrl(this.options.apiUrl, segments, query),
      headers: this.headers,
      defaultRateLimit: this.rateLimit,
      readErrorType,
      readErrorMessage,
    });
  }
}

function readBody<Body>(schema: z.ZodType<Body>, response: ProviderJsonResponse, problem: string): Body {
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'body';
    throw new ProviderBadResponseError(providerName, `${problem} (at ${field})`, response.requestId);
  }
  return parsed.data;
}

function readErrorType(body: unknown): string | undefined {
  const parsed = stripeWireError.safeParse(body);
  return parsed.success ? parsed.data.error.type : undefined;
}

function readErrorMessage(body: unknown): string | undefined {
  const parsed = stripeWireError.safeParse(body);
  return parsed.success ? parsed.data.error.message : undefined;
}
