import pLimit from 'p-limit';

/** Runs a provider call within that provider's share of one request's concurrency. */
export type ProviderCallLimit = (provider: string) => ReturnType<typeof pLimit>;

/**
 * One limit per provider for one GraphQL request, so a provider that hangs never holds up
 * another provider's sessions.
 */
export function createProviderCallLimits(concurrencyPerRequest: number): ProviderCallLimit {
  const limits = new Map<string, ReturnType<typeof pLimit>>();
  return (provider) => {
    let limit = limits.get(provider);
    if (!limit) limits.set(provider, (limit = pLimit(concurrencyPerRequest)));
    return limit;
  };
}
