import type { ProviderCallLimit } from './provider-call-limits.js';
import type { CheckoutLineItem } from '../model/line-item.js';
import type { CheckoutSession } from '../model/checkout-session.js';
import type { LineItemExpansion } from '../model/read-expansion.js';
import { createExpandingLoader } from './expanding-loader.js';
import { readTtlMs } from './read-cache-ttl.js';
import type { SharedReads } from './provider-read-cache.js';
import type { SessionRouter } from './router.js';

export interface SessionLineItemLoader {
  /**
   * Every line item of the session, read with at least these expansions (of those its
   * provider offers); empty, with no call, for a provider that keeps none.
   */
  load(session: CheckoutSession, expansions?: readonly LineItemExpansion[]): Promise<CheckoutLineItem[]>;
}

/**
 * Per request: each distinct session's line items are listed once, with the union of the
 * expansions its selections need, and a failed list fails only that field.
 */
export function createLineItemLoader(
  router: SessionRouter,
  limitFor: ProviderCallLimit,
  { reads, ttlPolicy, request }: SharedReads,
): SessionLineItemLoader {
  const bySession = createExpandingLoader<CheckoutLineItem[], LineItemExpansion>((sessionId, selected) => {
    const client = router.providerFor(sessionId);
    const expansions = selected.filter((expansion) => client.expansions.includes(expansion));
    return reads.read(
      'lineItems',
      sessionId,
      (origin, withExpansions) => {
        const listLineItems = client.listLineItems?.bind(client);
        if (!listLineItems) return Promise.resolve([]);
        return limitFor(client.key)(() => listLineItems(sessionId, withExpansions, origin));
      },
      (outcome) => readTtlMs('lineItems', outcome, ttlPolicy),
      request,
      expansions,
    );
  });
  return { load: (session, expansions) => bySession.load(session.id, expansions) };
}
