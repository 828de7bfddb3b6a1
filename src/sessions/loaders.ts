import DataLoader from 'dataloader';
import type { CheckoutSession } from '../model/checkout-session.js';
import { readTtlMs, type CacheTtlPolicy } from './cache-ttl.js';
import { createLineItemLoader, type SessionLineItemLoader } from './line-item-loader.js';
import { createProviderCallLimits } from './provider-call-limits.js';
import type { RequestTally } from '../observability/request-tally.js';
import type { ProviderReadCache, ReadOutcome } from './provider-read-cache.js';
import { createRefundLoader, type SessionRefundLoader } from './refund-loader.js';
import type { SessionRouter } from './router.js';
import { settleEach } from './settle-each.js';

export interface SessionLoaders {
  checkoutSession: DataLoader<string, CheckoutSession>;
  refunds: SessionRefundLoader;
  lineItems: SessionLineItemLoader;
}

export interface SessionLoaderOptions {
  /** Provider calls one GraphQL request may have in flight at once, per provider. */
  concurrencyPerRequest: number;
  /** Shared by all requests: calls in flight and answers kept. */
  reads: ProviderReadCache;
  ttlPolicy: CacheTtlPolicy;
  /** The request the loaders are for: counts the sessions it asked for and the provider reads it made or shared. */
  request?: RequestTally;
}

/**
 * Loaders for one GraphQL request: every id asked for in the same tick becomes one
 * batch, and a failed id fails only itself. Below the batch, the shared read cache
 * answers from what it keeps or joins a call another request already has in flight;
 * only what is left becomes provider calls, at most `concurrencyPerRequest` at a time
 * per provider.
 */
export function createSessionLoaders(router: SessionRouter, options: SessionLoaderOptions): SessionLoaders {
  const { reads, ttlPolicy, request } = options;
  const limitFor = createProviderCallLimits(options.concurrencyPerRequest);
  const sessionTtlMs = (outcome: ReadOutcome<CheckoutSession>) => readTtlMs('session', outcome, ttlPolicy);
  const loadOne = async (id: string): Promise<CheckoutSession> => {
    const provider = router.providerFor(id);
    return reads.read('session', id, (origin) => limitFor(provider.name)(() => provider.retrieveSession(id, origin)), sessionTtlMs, request);
  };
  return {
    checkoutSession: new DataLoader<string, CheckoutSession>((ids) => {
      if (request) request.sessionsAsked += ids.length;
      return settleEach(ids, loadOne);
    }),
    refunds: createRefundLoader(router, limitFor, { reads, ttlPolicy, request }),
    lineItems: createLineItemLoader(router, limitFor, { reads, ttlPolicy, request }),
  };
}
