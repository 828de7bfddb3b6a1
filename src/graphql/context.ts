import type { RequestTally } from '../observability/request-tally.js';
import type { SessionLoaders } from '../sessions/loaders.js';

/** What every resolver gets: loaders made fresh for each GraphQL request, and settings. */
export interface RequestContext {
  loaders: SessionLoaders;
  /** What the request did, for its log line and metrics. */
  request: RequestTally;
  /** The metadata key holding a session's order id when it has no client reference id. */
  orderIdMetadataKey: string;
}
