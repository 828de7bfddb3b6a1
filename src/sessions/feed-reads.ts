import type { CheckoutSession } from '../model/checkout-session.js';
import { sessionExpansions } from '../model/read-expansion.js';
import { unrecordedSubscriptions, type SubscriptionRecorder } from './subscription-recorder.js';
import { readTtlMs, type ReadCacheTtlPolicy } from './read-cache-ttl.js';
import type { ProviderReadCache } from './provider-read-cache.js';
import type { ReadOutcome } from './read-outcome.js';
import type { SessionRouter } from './router.js';
import type { FeedReader } from './session-feed.js';

/**
 * The change feed's reads, through the same read cache as a query's: a poll or a refetch
 * shares a call in flight, and keeps what it read for the queries that follow. Each is
 * made with every expansion the provider offers, since any subscriber may select any
 * field. The purpose is counted on `/metrics`; it is where a provider budget with
 * priorities will take its turn, which today is the same for every read.
 */
export function createFeedReader(
  router: SessionRouter,
  reads: ProviderReadCache,
  ttlPolicy: ReadCacheTtlPolicy,
  recorder: SubscriptionRecorder = unrecordedSubscriptions,
): FeedReader {
  const ttlMs = (outcome: ReadOutcome<CheckoutSession>) => readTtlMs('session', outcome, ttlPolicy);
  return (sessionId, purpose) => {
    const provider = router.providerFor(sessionId);
    recorder.read(purpose);
    return reads.read(
      'session',
      sessionId,
      (origin, expansions) => provider.retrieveSession(sessionId, expansions, origin),
      ttlMs,
      undefined,
      sessionExpansions.filter((expansion) => provider.expansions.includes(expansion)),
    );
  };
}
