import type { Logger } from 'pino';
import type { z } from 'zod';
import { ProviderBadResponseError, ProviderRequestError, SessionNotFoundError } from '../../errors.js';
import type { CheckoutSession } from '../../model/checkout-session.js';
import type { CheckoutLineItem } from '../../model/line-item.js';
import type { Refund } from '../../model/refund.js';
import type { LineItemExpansion, ReadExpansion, SessionExpansion } from '../../model/read-expansion.js';
import type { FeesAndSettlement } from '../../model/settlement.js';
import type { ReadOrigin } from '../../request-tally.js';
import type { CheckoutProvider } from '../checkout-provider.js';
import type { ProviderHttpClient, ProviderJsonResponse } from '../http/provider-http-client.js';
import { basicAuthorization } from '../http/basic-authorization.js';
import { providerPath, providerUrl, type ProviderPath, type ProviderQuery } from '../provider-url.js';
import type { ProviderRateLimits } from '../http/rate-limit.js';
import { providerAccount } from '../provider-account.js';
import { errorBodyReader, readWireBody } from '../wire-readers.js';
import { idOf } from './value-readers.js';
import { stripeMapping, toCheckoutSession, toLineItem, toRefund, type StripeMapping } from './map.js';
import { toFeesAndSettlement } from './map-settlement.js';
import { stripeEndpoints, stripeRateLimits } from './rate-limits.js';
import { stripeWireError, stripeWireInvoicePayment, stripeWireList, stripeWireRefund, type StripeWireLineItem } from './wire.js';
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
const invoicePaymentPage = stripeWireList(stripeWireInvoicePayment);
/**
 * What Stripe's `expand[]` calls each part it sends only when asked: on the session's call,
 * and on the line items' (a list, so its paths start at `data`). Stripe expands at most 4
 * levels deep.
 */
const expandParameters: Record<ReadExpansion, string> = {
  totalBreakdown: 'total_details.breakdown',
  settlement: 'payment_intent.latest_charge.balance_transaction',
  lineItemProducts: 'data.price.product',
  lineItemTaxes: 'data.taxes',
  lineItemDiscounts: 'data.discounts',
};
/** A payment intent's fees and settlement: its charge's balance transaction. */
const settlementExpansion = 'latest_charge.balance_transaction';

export class StripeClient implements CheckoutProvider {
  readonly key = stripeIdentity.key;
  readonly label = stripeIdentity.label;
  readonly expansions: readonly ReadExpansion[] = Object.keys(expandParameters) as ReadExpansion[];
  private readonly headers: Record<string, string>;
  readonly account: string;
  private readonly rateLimits: ProviderRateLimits;
  private readonly mapping: StripeMapping;
  private readonly lineItemPage: z.ZodType<{ data: StripeWireLineItem[]; has_more: boolean }>;

  /** `logger` is told of what a session held that the mapping did not expect. */
  constructor(
    private readonly http: ProviderHttpClient,
    private readonly options: StripeClientOptions,
    logger: Logger,
  ) {
    this.mapping = stripeMapping(logger);
    this.lineItemPage = stripeWireList(this.mapping.schemas.lineItem);
    this.account = providerAccount(this.key, options.secretKey);
    this.headers = {
      authorization: basicAuthorization(options.secretKey),
      'stripe-version': options.apiVersion,
    };
    this.rateLimits = stripeRateLimits(options.secretKey);
  }

  async retrieveSession(id: string, expansions: readonly SessionExpansion[], origin?: ReadOrigin): Promise<CheckoutSession> {
    const response = await this.get(providerPath(stripeEndpoints.session, { id }), origin, expandQuery(expansions));
    if (response.status === 404) throw new SessionNotFoundError(id);
    return toCheckoutSession(readBody(this.mapping.schemas.session, response, 'not a checkout session'), response.text, id, this.mapping);
  }

  async listRefunds(paymentIntentId: string, origin?: ReadOrigin): Promise<Refund[]> {
    const refunds = await this.listAll(providerPath(stripeEndpoints.refunds), { payment_intent: paymentIntentId }, refundPage, 'refunds', origin);
    return refunds.map((refund) => toRefund(refund, this.mapping.warnings));
  }

  async listLineItems(sessionId: string, expansions: readonly LineItemExpansion[], origin?: ReadOrigin): Promise<CheckoutLineItem[]> {
    const path = providerPath(stripeEndpoints.lineItems, { id: sessionId });
    const items = await this.listAll(path, expandQuery(expansions) ?? {}, this.lineItemPage, 'line items', origin);
    return items.map(toLineItem);
  }

  async listInvoicePayments(invoiceId: string, origin?: ReadOrigin): Promise<string[]> {
    const path = providerPath(stripeEndpoints.invoicePayments);
    const payments = await this.listAll(path, { invoice: invoiceId }, invoicePaymentPage, 'invoice payments', origin);
    return payments.flatMap(({ status, payment }) => {
      const paymentIntentId = idOf(payment?.payment_intent);
      return status === 'canceled' || paymentIntentId === null ? [] : [paymentIntentId];
    });
  }

  async retrievePaymentSettlement(paymentIntentId: string, origin?: ReadOrigin): Promise<FeesAndSettlement> {
    const path = providerPath(stripeEndpoints.paymentIntent, { id: paymentIntentId });
    const response = await this.get(path, origin, { 'expand[]': [settlementExpansion] });
    if (response.status === 404) {
      throw new ProviderRequestError(providerName, 404, readError(response.body)?.type, response.requestId);
    }
    return toFeesAndSettlement(readBody(this.mapping.schemas.paymentIntent, response, 'not a payment intent'));
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

/** `expand[]` naming each expansion, or no query at all for none. */
function expandQuery(expansions: readonly ReadExpansion[]): ProviderQuery | undefined {
  return expansions.length > 0 ? { 'expand[]': expansions.map((expansion) => expandParameters[expansion]) } : undefined;
}

function readBody<Body>(schema: z.ZodType<Body>, response: ProviderJsonResponse, problem: string): Body {
  return readWireBody(schema, response.body, { provider: providerName, problem, requestId: response.requestId });
}

const readError = errorBodyReader(stripeWireError, ({ error }) => error);
