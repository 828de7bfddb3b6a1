import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import type { CheckoutSession } from '../model/checkout-session.js';
import type { SessionRouter } from './router.js';

export interface SessionLoaders {
  checkoutSession: DataLoader<string, CheckoutSession>;
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
  // One limit per provider, so a provider that hangs never holds up another's sessions.
  const limits = new Map<string, ReturnType<typeof pLimit>>();
  const limitFor = (provider: string) => {
    let limit = limits.get(provider);
    if (!limit) limits.set(provider, (limit = pLimit(options.concurrencyPerRequest)));
    return limit;
  };
  return {
    checkoutSession: new DataLoader<string, CheckoutSession>((ids) =>
      Promise.all(ids.map((id) => loadOne(router, id, limitFor).catch(asError))),
    ),
  };
}

async function loadOne(
  router: SessionRouter,
  id: string,
  limitFor: (provider: string) => ReturnType<typeof pLimit>,
): Promise<CheckoutSession> {
  const provider = router.providerFor(id);
  return limitFor(provider.name)(() => provider.retrieveSession(id));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
