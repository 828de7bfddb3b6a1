import { maybeCacheControlFromInfo, type CacheHint } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';
import type { CheckoutSession } from '../model/checkout-session.js';
import { isFinalSession } from '../model/session-finality.js';

/**
 * How long, in seconds, a response may be cached, by what it holds. The response's
 * `Cache-Control` takes the shortest age of everything in it; a response with errors
 * is never cached (`no-store`).
 */
export const cacheAges = {
  /** A session that can no longer change: expired, or complete with its payment settled. */
  settledSession: 600,
  /** A session that may still change: open, pending, complete but still awaiting its payment, or unknown. */
  changingSession: 5,
  /** Refunds can be issued at any time, even on a settled session. */
  refunds: 30,
} as const;

/** A hint of `maxAge` seconds, private: sessions carry customers' personal data, so shared caches must not store them. */
export function privateCacheHint(maxAge: number): CacheHint {
  return { maxAge, scope: 'PRIVATE' };
}

export function sessionCacheHint(session: CheckoutSession): CacheHint {
  return privateCacheHint(isFinalSession(session) ? cacheAges.settledSession : cacheAges.changingSession);
}

/**
 * Caps the cache age of the field being resolved. It restricts rather than replaces, because
 * `_entities` resolves every session of a batch under one field, and the shortest age must win.
 */
export function restrictCacheHint(info: GraphQLResolveInfo, hint: CacheHint): void {
  maybeCacheControlFromInfo(info)?.cacheHint.restrict(hint);
}
