import type { CacheTtls, Config } from '../config.js';
import { PaymentsError } from '../errors.js';
import type { CheckoutPaymentStatus, CheckoutSessionStatus } from '../model/checkout-session.js';
import { isFinalSession } from '../model/session-finality.js';
import type { ReadKind, ReadOutcome } from './provider-read-cache.js';

/** What the time-to-live of a session depends on. */
export interface SessionState {
  provider: string;
  status: CheckoutSessionStatus | null;
  paymentStatus: CheckoutPaymentStatus | null;
}

export interface ReadCacheTtlPolicy {
  ttlMs: CacheTtls;
  /** Providers whose webhooks are verified here, so a change evicts the session at once. */
  providersWithWebhooks: ReadonlySet<string>;
}

export function readCacheTtlPolicy(config: Pick<Config, 'cache' | 'webhooks'>): ReadCacheTtlPolicy {
  const providersWithWebhooks = new Set<string>();
  if (config.webhooks.stripeSecret) providersWithWebhooks.add('STRIPE');
  if (config.webhooks.convergeGateSecret) providersWithWebhooks.add('CONVERGE_GATE');
  return { ttlMs: config.cache.ttlMs, providersWithWebhooks };
}

/** Providers whose session body embeds its refunds: a final session still changes when refunded. */
const sessionsEmbeddingRefunds: ReadonlySet<string> = new Set(['CONVERGE_GATE']);

export function sessionTtlMs(session: SessionState, policy: ReadCacheTtlPolicy): number {
  const ttl = isFinalSession(session) ? policy.ttlMs.final : policy.ttlMs.open;
  if (sessionsEmbeddingRefunds.has(session.provider) && !policy.providersWithWebhooks.has(session.provider)) {
    return Math.min(ttl, policy.ttlMs.refunds);
  }
  return ttl;
}

/** Failures are never kept, except a brief memory that a session does not exist. */
export function errorTtlMs(error: unknown, policy: ReadCacheTtlPolicy): number {
  return error instanceof PaymentsError && error.code === 'NOT_FOUND' ? policy.ttlMs.notFound : 0;
}

/** How long one provider answer is kept: the policy for each kind the read cache holds. */
export function readTtlMs(kind: 'session', outcome: ReadOutcome<SessionState>, policy: ReadCacheTtlPolicy): number;
export function readTtlMs(kind: Exclude<ReadKind, 'session'>, outcome: ReadOutcome<unknown>, policy: ReadCacheTtlPolicy): number;
export function readTtlMs(kind: ReadKind, outcome: ReadOutcome<unknown>, policy: ReadCacheTtlPolicy): number {
  if (!outcome.ok) return errorTtlMs(outcome.error, policy);
  switch (kind) {
    case 'session':
      return sessionTtlMs(outcome.value as SessionState, policy);
    case 'refunds':
      return policy.ttlMs.refunds;
    case 'lineItems':
      return policy.ttlMs.lineItems;
  }
}
