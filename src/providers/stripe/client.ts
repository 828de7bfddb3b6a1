import type { Logger } from 'pino';
import type { z } from 'zod';
import { ProviderBadResponseError, ProviderRequestError, SessionNotFoundError } from '../../errors.js';
import type { CheckoutSession } from '../../model/checkout-session.js';
import type { CheckoutLineItem } from '../../model/line-item.js';
import type { Refund } from '../../model/refund.js';
import type { SessionExpansion } from '../../model/session-expansion.js';
import type { ReadOrigin } from '../../request-tally.js';
import type { CheckoutProvider } from '../checkout-provider.js';
import type { ProviderHttpClient, ProviderJsonResponse } from '../http/provider-http-client.js';
import { basicAuthorization } from '../http/basic-authorization.js';
import { providerPath, providerUrl, type ProviderPath, type ProviderQuery } from '../provider-url.js';
import type { ProviderRateLimits } from '../http/rate-limit.js';
import { providerAccount } from '../provider-account.js';
import { errorBodyReader, readWireBody } from '../wire-readers.js';
import { stripeMapping, toCheckoutSession, toLineItem, toRefund, type StripeMapping } from './map.js';
import { stripeEndpoints, stripeRateLimits } from './rate-limits.js';
import { stripeWireError, stripeWireLineItem, stripeWireList, stripeWireRefund } from './wire.js';
import { stripeIdentity } from './identity.js';

export interface StripeClientOptions {
  apiUrl: string;
  secretKey: string;
  apiVersion: string;
}

const providerName = stripeIdentity.label;
/** Stripe's largest page. */
const pageSize = 100;
/** A list longer than this many pages is taken for a provider loop, not data. */
const maxPages = 100;

const refundPage = stripeWireList(stripeWireRefund);
const lineItemPage = stripeWireList(stripeWireLineItem);
/** What Stripe's `expand[]` calls each part it sends only when asked. */
const expandParameters: Record<SessionExpansion, string> = {
  totalBreakdown: 'total_details.breakdown',
};

export class StripeClient implements CheckoutProvider {
  readonly key = stripeIdentity.key;
  readonly label = stripeIdentity.label;
  readonly expansions: readonly SessionExpansion[] = ['totalBreakdown'];
  private readonly headers: Record<string, string>;
  readonly account: string;
  private readonly rateLimits: ProviderRateLimits;
  private readonly mapping: StripeMapping;

  /** `logger` is told of what a session held that the mapping did not expect. */
  constructor(
    private readonly http: ProviderHttpClient,
    private readonly options: StripeClientOptions,
    logger: Logger,
  ) {
    this.mapping = stripeMapping(logger);
    this.account = providerAccount(this.key, options.secretKey);
    this.headers = {
      authorization: basicAuthorization(options.secretKey),
      'stripe-version': options.apiVersion,
    };
    this.rateLimits = stripeRateLimits(options.secretKey);
  }

  async retrieveSession(id: string, expansions: readonly SessionExpansion[], origin?: ReadOrigin): Promise<CheckoutSession> {
    const expand = expansions.map((expansion) => expandParameters[expansion]);
    const query = expand.length > 0 ? { 'expand[]': expand } : undefined;
    const response = await this.get(providerPath(stripeEndpoints.session, { id }), origin, query);
    if (response.status === 404) throw new SessionNotFoundError(id);
    return toCheckoutSession(readBody(this.mapping.schemas.session, response, 'not a checkout session'), response.text, id, this.mapping);
  }

  async listRefunds(paymentIntentId: string, origin?: ReadOrigin): Promise<Refund[]> {
    const refunds = await this.listAll(providerPath(stripeEndpoints.refunds), { payment_intent: paymentIntentId }, refundPage, 'refunds', origin);
    return refunds.map((refund) => toRefund(refund, this.mapping.warnings));
  }

  async listLineItems(sessionId: string, origin?: ReadOrigin): Promise<CheckoutLineItem[]> {
    const path = providerPath(stripeEndpoints.lineItems, { id: sessionId });
    const items = await this.listAll(path, {}, lineItemPage, 'line items', origin);
    return items.map(toLineItem);
  }

  /** Follows `has_more` with `starting_after` until the list ends. */
  private async listAll<Item extends { id: string }>(
    path: ProviderPath,
    query: ProviderQuery,
    page: z.ZodType<{ data: Item[]; has_more: boolean }>,
    what: string,
    origin: ReadOrigin | undefined,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let startingAfter: string | undefined;
    for (let pageNumber = 1; pageNumber <= maxPages; pageNumber += 1) {
      const response = await this.get(
        path,
        origin,
        { ...query, limit: String(pageSize), ...(startingAfter ? { starting_after: startingAfter } : {}) },
      );
      if (response.status === 404) {
        throw new ProviderRequestError(providerName, 404, readError(response.body)?.type, response.requestId);
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

  private get(path: ProviderPath, origin: ReadOrigin | undefined, query?: ProviderQuery): Promise<ProviderJsonResponse> {
    return this.http.getJson({
      origin,
      provider: providerName,
      account: this.account,
      url: providerUrl(this.options.apiUrl, path.segments, query),
      pathTemplate: path.template,
      headers: this.headers,
      requestIdHeader: 'request-id',
      shouldRetryHeader: 'stripe-should-retry',
      rateLimits: this.rateLimits,
      readError,
    });
  }
}

function readBody<Body>(schema: z.ZodType<Body>, response: ProviderJsonResponse, problem: string): Body {
  return readWireBody(schema, response.body, { provider: providerName, problem, requestId: response.requestId });
}

const readError = errorBodyReader(stripeWireError, ({ error }) => error);
