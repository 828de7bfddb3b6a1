import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import type { CheckoutSession } from '../model/checkout-session.js';
import { readTtlMs, type CacheTtlPolicy } from './cache-ttl.js';
import type { ProviderReadCache, ReadOutcome } from './provider-read-cache.js';
import type { SessionRouter } from './router.js';

export interface SessionLoaders {
  checkoutSession: DataLoader<string, CheckoutSession>;
}

export interface SessionLoaderOptions {
  /** Provider calls one GraphQL request may have in flight at once. */
  concurrencyPerRequest: number;
  /** Shared by all requests: calls in flight and answers kept. */
  reads: ProviderReadCache;
  ttlPolicy: CacheTtlPolicy;
}

/**
 * Loaders for one GraphQL request: every id asked for in the same tick becomes one
 * batch, and a failed id fails only itself. Below the batch, the shared read cache
 * answers from what it keeps or joins a call another request already has in flight;
 * only what is left becomes provider calls, at most `concurrencyPerRequest` at a time.
 */
export function createSessionLoaders(router: SessionRouter, options: SessionLoaderOptions): SessionLoaders {
  // Made on the first provider call: a request answered from the cache never needs one.
  let limit: ReturnType<typeof pLimit> | undefined;
  const ttlMs = (outcome: ReadOutcome<CheckoutSession>) => readTtlMs('session', outcome, options.ttlPolicy);
  const loadOne = async (id: string): Promise<CheckoutSession> => {
    const provider = router.providerFor(id);
    const fetch = () => {
      limit ??= pLimit(options.concurrencyPerRequest);
      return limit(() => provider.retrieveSession(id));
    };
    return options.reads.read('session', id, fetch, ttlMs);
  };
  return {
    checkoutSession: new DataLoader<string, CheckoutSession>((ids) =>
      Promise.all(ids.map((id) => loadOne(id).catch(asError))),
    ),
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
