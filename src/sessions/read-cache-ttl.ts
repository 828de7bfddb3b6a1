import type { CacheTtls, Config } from '../config/config.js';
import { PaymentsError } from '../errors.js';
import type { CheckoutPaymentStatus, CheckoutSessionStatus } from '../model/checkout-session.js';
import { isFinalSession } from '../model/session-finality.js';
import type { FeesAndSettlement } from '../model/settlement.js';
import type { ProviderModule } from '../providers/provider-module.js';
import { providerRegistry } from '../providers/registry.js';
import type { ReadKind, ReadOutcome } from './read-outcome.js';

/** What the time-to-live of a session depends on. */
export interface SessionState {
  provider: string;
  status: CheckoutSessionStatus | null;
  paymentStatus: CheckoutPaymentStatus | null;
  /** Pending while a payment's fees are asked for and not booked yet: the answer is then not final. */
  feesAndSettlement?: Pick<FeesAndSettlement, 'pending'>;
}

export interface ReadCacheTtlPolicy {
  ttlMs: CacheTtls;
  /** Providers whose webhooks are verified here, so a change evicts the session at once. */
  providersWithWebhooks: ReadonlySet<string>;
  /** Providers whose session body carries its refunds: a final session still changes when refunded. */
  providersWithRefundsOnSession: ReadonlySet<string>;
}

export function readCacheTtlPolicy(
  config: Pick<Config, 'cache' | 'providers'>,
  registry: readonly ProviderModule[] = providerRegistry,
): ReadCacheTtlPolicy {
  const providersWith = (has: (module: ProviderModule) => boolean) =>
    new Set(registry.filter(has).map((module) => module.schemaValue));
  return {
    ttlMs: config.cache.ttlMs,
    providersWithWebhooks: providersWith((module) => config.providers[module.key]?.webhookSecret !== undefined),
    providersWithRefundsOnSession: providersWith((module) => module.refundsOnSession),
  };
}

export function sessionTtlMs(session: SessionState, policy: ReadCacheTtlPolicy): number {
  const final = isFinalSession(session) && session.feesAndSettlement?.pending !== true;
  const ttl = final ? policy.ttlMs.final : policy.ttlMs.open;
  if (policy.providersWithRefundsOnSession.has(session.provider) && !policy.providersWithWebhooks.has(session.provider)) {
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
    case 'settlement':
      // Booked fees do not change; a payment not booked yet soon will.
      return (outcome.value as FeesAndSettlement).pending ? policy.ttlMs.open : policy.ttlMs.final;
    case 'lineItems':
      return policy.ttlMs.lineItems;
  }
}
