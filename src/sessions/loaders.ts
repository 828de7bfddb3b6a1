import DataLoader from 'dataloader';
import type { CheckoutSession } from '../model/checkout-session.js';
import { createLineItemLoader, type SessionLineItemLoader } from './line-item-loader.js';
import { createRefundLoader, type SessionRefundLoader } from './refund-loader.js';
import { createProviderCallLimits, type ProviderCallLimit } from './provider-call-limits.js';
import type { SessionRouter } from './router.js';

export interface SessionLoaders {
  checkoutSession: DataLoader<string, CheckoutSession>;
  refunds: SessionRefundLoader;
  lineItems: SessionLineItemLoader;
}

export interface SessionLoaderOptions {
  /** Provider calls one GraphQL request may have in flight at once, per provider. */
  concurrencyPerRequest: number;
}

/**
 * Loaders for one GraphQL request: every id asked for in the same tick becomes one
 * batch, each distinct id one provider call, and a failed id fails only itself.
 */
export function createSessionLoaders(router: SessionRouter, options: SessionLoaderOptions): SessionLoaders {
  const limitFor = createProviderCallLimits(options.concurrencyPerRequest);
  return {
    checkoutSession: new DataLoader<string, CheckoutSession>((ids) =>
      Promise.all(ids.map((id) => loadOne(router, id, limitFor).catch(asError))),
    ),
    refunds: createRefundLoader(router, limitFor),
    lineItems: createLineItemLoader(router, limitFor),
  };
}

async function loadOne(
  router: SessionRouter,
  id: string,
  limitFor: ProviderCallLimit,
): Promise<CheckoutSession> {
  const provider = router.providerFor(id);
  return limitFor(provider.name)(() => provider.retrieveSession(id));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
