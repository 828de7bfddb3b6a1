import type { CheckoutSession } from '../model/checkout-session.js';
import { readTtlMs, type CacheTtlPolicy } from './cache-ttl.js';
import type { ProviderReadCache, ReadOutcome } from './provider-read-cache.js';
import type { SessionRouter } from './router.js';
import type { FeedReader } from './session-feed.js';

/**
 * The change feed's reads, through the same read cache as a query's: a poll or a refetch
 * shares a call in flight, and keeps what it read for the queries that follow. The
 * purpose is not used yet; it is where a provider budget with priorities takes its turn.
 */
export function createFeedReader(router: SessionRouter, reads: ProviderReadCache, ttlPolicy: CacheTtlPolicy): FeedReader {
  const ttlMs = (outcome: ReadOutcome<CheckoutSession>) => readTtlMs('session', outcome, ttlPolicy);
  return (sessionId) => {
    const provider = router.providerFor(sessionId);
    return reads.read('session', sessionId, (origin) => provider.retrieveSession(sessionId, origin), ttlMs);
  };
}
