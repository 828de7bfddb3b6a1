import DataLoader from 'dataloader';
import type { PaymentProvider } from '../model/checkout-session.js';
import type { CheckoutProvider } from '../providers/checkout-provider.js';
import type { ReadOrigin } from '../request-tally.js';
import type { ProviderCallLimit } from './provider-call-limits.js';
import type { SessionRouter } from './router.js';
import { settleEach } from './settle-each.js';

/** What one call is about: the provider, the id it reads, and the read it is for. */
export interface ProviderCallKey {
  provider: PaymentProvider;
  id: string;
  origin: ReadOrigin;
}

/**
 * Per request: one provider call per distinct provider and id, within that provider's
 * share of the request's concurrency, and a failed call fails only the loads of its id.
 * `callOf` is the client's method for the call; a provider without one answers `none`.
 */
export function createProviderCallLoader<Value>(
  router: SessionRouter,
  limitFor: ProviderCallLimit,
  callOf: (client: CheckoutProvider) => ((id: string, origin: ReadOrigin) => Promise<Value>) | undefined,
  none: Value,
): DataLoader<ProviderCallKey, Value, string> {
  return new DataLoader<ProviderCallKey, Value, string>(
    (keys) =>
      settleEach(keys, async ({ provider, id, origin }) => {
        const client = router.providerOf(provider);
        const call = callOf(client);
        if (!call) return none;
        return limitFor(client.key)(() => call(id, origin));
      }),
    { cacheKeyFn: ({ provider, id }) => `${provider} ${id}` },
  );
}
