import type { RequestTally } from '../request-tally.js';
import { createSessionLoaders, type SessionLoaders } from '../sessions/loaders.js';
import type { ProviderReadCache } from '../sessions/provider-read-cache.js';
import type { ReadCacheTtlPolicy } from '../sessions/read-cache-ttl.js';
import type { SessionRouter } from '../sessions/router.js';
import type { SessionEvent } from '../sessions/session-subscriber.js';
import { ResponseMaxAge } from './response-max-age.js';

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

export interface RequestContextOptions {
  router: SessionRouter;
  reads: ProviderReadCache;
  ttlPolicy: ReadCacheTtlPolicy;
  /** Provider calls one request may have out at once (`PROVIDER_CONCURRENCY`). */
  concurrencyPerRequest: number;
  /** How long a request's provider work may take, from when its loaders are made (`PROVIDER_REQUEST_DEADLINE_MS`). */
  requestDeadlineMs: number;
  orderIdMetadataKey: string;
}

/** Makes each GraphQL request's context, and each subscription event's loaders. */
export interface RequestContexts {
  createContext(request: RequestTally): RequestContext;
  /** Fresh loaders; the request's provider deadline starts here. */
  createLoaders(request: RequestTally): SessionLoaders;
}

export function requestContexts(options: RequestContextOptions): RequestContexts {
  const { router, reads, ttlPolicy, concurrencyPerRequest } = options;
  const createLoaders = (request: RequestTally): SessionLoaders => {
    // Each request's (or subscription event's) provider work starts its deadline here.
    request.providerDeadlineAt = performance.now() + options.requestDeadlineMs;
    return createSessionLoaders(router, { concurrencyPerRequest, reads, ttlPolicy, request });
  };
  return {
    createLoaders,
    createContext: (request) => ({
      loaders: createLoaders(request),
      request,
      responseMaxAge: new ResponseMaxAge(),
      orderIdMetadataKey: options.orderIdMetadataKey,
    }),
  };
}
