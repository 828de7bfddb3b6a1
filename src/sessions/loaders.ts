import type { CheckoutSession } from '../model/checkout-session.js';
import { readTtlMs, type ReadCacheTtlPolicy } from './read-cache-ttl.js';
import { createLineItemLoader, type SessionLineItemLoader } from './line-item-loader.js';
import { createProviderCallLimits } from './provider-call-limits.js';
import type { RequestTally } from '../request-tally.js';
import type { SessionExpansion } from '../model/read-expansion.js';
import { createExpandingLoader, type ExpandingLoader } from './expanding-loader.js';
import { createInvoicePaymentLoader } from './invoice-payment-loader.js';
import type { ProviderReadCache } from './provider-read-cache.js';
import type { ReadOutcome } from './read-outcome.js';
import { createRefundLoader, type SessionRefundLoader } from './refund-loader.js';
import type { SessionRouter } from './router.js';
import { createSettlementLoader, type SessionSettlementLoader } from './settlement-loader.js';

export interface SessionLoaders {
  checkoutSession: ExpandingLoader<CheckoutSession, SessionExpansion>;
  refunds: SessionRefundLoader;
  settlements: SessionSettlementLoader;
  lineItems: SessionLineItemLoader;
}

export interface SessionLoaderOptions {
  /** Provider calls one GraphQL request may have in flight at once, per provider. */
  concurrencyPerRequest: number;
  /** Shared by all requests: calls in flight and answers kept. */
  reads: ProviderReadCache;
  ttlPolicy: ReadCacheTtlPolicy;
  /** The request the loaders are for: counts the sessions it asked for and the provider reads it made or shared. */
  request?: RequestTally;
}

/**
 * Loaders for one GraphQL request: every id asked for in the same tick becomes one
 * batch, and a failed id fails only itself. Below the batch, the shared read cache
 * answers from what it keeps or joins a call another request already has in flight;
 * only what is left becomes provider calls, at most `concurrencyPerRequest` at a time
 * per provider. A session is read with the expansions its selections need, of those its
 * provider sends only when asked.
 */
export function createSessionLoaders(router: SessionRouter, options: SessionLoaderOptions): SessionLoaders {
  const { reads, ttlPolicy, request } = options;
  const limitFor = createProviderCallLimits(options.concurrencyPerRequest);
  const sessionTtlMs = (outcome: ReadOutcome<CheckoutSession>) => readTtlMs('session', outcome, ttlPolicy);
  const loadOne = async (id: string, selected: readonly SessionExpansion[]): Promise<CheckoutSession> => {
    const provider = router.providerFor(id);
    const expansions = selected.filter((expansion) => provider.expansions.includes(expansion));
    return reads.read(
      'session',
      id,
      (origin, withExpansions) => limitFor(provider.key)(() => provider.retrieveSession(id, withExpansions, origin)),
      sessionTtlMs,
      request,
      expansions,
    );
  };
  const countAsked = (ids: readonly string[]) => {
    if (request) request.sessionsAsked += ids.length;
  };
  const shared = { reads, ttlPolicy, request };
  const invoicePayments = createInvoicePaymentLoader(router, limitFor);
  return {
    checkoutSession: createExpandingLoader(loadOne, countAsked),
    refunds: createRefundLoader(router, limitFor, invoicePayments, shared),
    settlements: createSettlementLoader(router, limitFor, invoicePayments, shared),
    lineItems: createLineItemLoader(router, limitFor, shared),
  };
}
