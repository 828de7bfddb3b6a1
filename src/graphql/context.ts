import type { RequestTally } from '../request-tally.js';
import type { SessionLoaders } from '../sessions/loaders.js';
import type { SessionEvent } from '../sessions/session-subscriber.js';
import type { ResponseMaxAge } from './response-max-age.js';

/** What every resolver gets: loaders and cache hints made fresh for each GraphQL request, and settings. */
export interface RequestContext {
  /** For a subscription, made fresh for each event, so that each event's refunds and line items are read as of then. */
  loaders: SessionLoaders;
  /** What the request did, for its log line and metrics. */
  request: RequestTally;
  /** The ages of what the request loaded, from which its `Cache-Control` header is written. */
  responseMaxAge: ResponseMaxAge;
  /** The metadata key holding a session's order id when it has no client reference id. */
  orderIdMetadataKey: string;
  /** Set for a subscription (over SSE or graphql-ws); a query has none. */
  subscriptions?: SubscriptionScope;
}

/** What a subscription's resolvers reach: the change feed, as the connection it came over may use it. */
export interface SubscriptionScope {
  /** The session's events: the session now, then each change; rejects for an id that cannot be watched. */
  watch(sessionId: string): Promise<AsyncIterable<SessionEvent>>;
  /** An event is about to be resolved: later field reads start afresh. */
  eventArrived(): void;
}
