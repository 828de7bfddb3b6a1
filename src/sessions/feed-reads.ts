import type { CheckoutSession } from '../model/checkout-session.js';
import { readTtlMs, type CacheTtlPolicy } from './cache-ttl.js';
import type { ProviderReadCache, ReadOutcome } from './provider-read-cache.js';
import type { SessionRouter } from './router.js';
import type { FeedReader } from './session-feed.js';

/**
 * The change feed's reads, through the same read cache as a query's: a poll or a refetch
 * shares a call in flight, and keeps what it read for the queries that follow. Each is
 * made with every expansion the provider offers, since any subscriber may select any
 * field. The purpose is not used yet; it is where a provider budget with priorities takes
 * its turn.
 */
export function createFeedReader(router: SessionRouter, reads: ProviderReadCache, ttlPolicy: CacheTtlPolicy): FeedReader {
  const ttlMs = (outcome: ReadOutcome<CheckoutSession>) => readTtlMs('session', outcome, ttlPolicy);
  return (sessionId) => {
    const provider = router.providerFor(sessionId);
    return reads.read(
      'session',
      sessionId,
      (origin, expansions) => provider.retrieveSession(sessionId, expansions, origin),
      ttlMs,
      undefined,
      provider.expansions,
    );
  };
}
