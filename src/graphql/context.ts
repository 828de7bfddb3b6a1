import type { RequestTally } from '../observability/request-tally.js';
import type { SessionLoaders } from '../sessions/loaders.js';
import type { ResponseCacheHints } from './cache-hints.js';

/** What every resolver gets: loaders and cache hints made fresh for each GraphQL request, and settings. */
export interface RequestContext {
  loaders: SessionLoaders;
  /** What the request did, for its log line and metrics. */
  request: RequestTally;
  /** The ages of what the request loaded, from which its `Cache-Control` header is written. */
  cacheHints: ResponseCacheHints;
  /** The metadata key holding a session's order id when it has no client reference id. */
  orderIdMetadataKey: string;
}
