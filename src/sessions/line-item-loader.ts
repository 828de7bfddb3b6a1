import DataLoader from 'dataloader';
import type { ProviderCallLimit } from './provider-call-limits.js';
import type { CheckoutLineItem } from '../model/line-item.js';
import type { CheckoutSession } from '../model/checkout-session.js';
import type { ReadOrigin } from '../request-tally.js';
import { readTtlMs } from './read-cache-ttl.js';
import type { SharedReads } from './provider-read-cache.js';
import type { SessionRouter } from './router.js';
import { settleEach } from './settle-each.js';

export interface SessionLineItemLoader {
  /** Every line item of the session; empty, with no call, for a provider that keeps none. */
  load(session: CheckoutSession): Promise<CheckoutLineItem[]>;
}

/** Per request: each distinct session's line items are listed once, and a failed list fails only that field. */
export function createLineItemLoader(
  router: SessionRouter,
  limitFor: ProviderCallLimit,
  { reads, ttlPolicy, request }: SharedReads,
): SessionLineItemLoader {
  const bySession = new DataLoader<{ session: CheckoutSession; origin: ReadOrigin }, CheckoutLineItem[], string>(
    (keys) =>
      settleEach(keys, async ({ session, origin }) => {
        const client = router.providerOf(session.provider);
        const listLineItems = client.listLineItems?.bind(client);
        if (!listLineItems) return [];
        return limitFor(client.key)(() => listLineItems(session.id, origin));
      }),
    { cacheKeyFn: ({ session }) => `${session.provider} ${session.id}` },
  );
  return {
    load: (session) =>
      reads.read(
        'lineItems',
        session.id,
        (origin) => bySession.load({ session, origin }),
        (outcome) => readTtlMs('lineItems', outcome, ttlPolicy),
        request,
      ),
  };
}
