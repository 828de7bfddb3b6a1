import type { ProviderRateLimits, RateLimitedAnswer, RateLimitSignal } from '../http/rate-limit.js';
import { stripeWireError } from './wire.js';

/** The paths the client calls; each is one endpoint to Stripe, whatever the ids in it. */
export const stripeEndpoints = {
  session: '/v1/checkout/sessions/{id}',
  lineItems: '/v1/checkout/sessions/{id}/line_items',
  refunds: '/v1/refunds',
  invoicePayments: '/v1/invoice_payments',
  paymentIntent: '/v1/payment_intents/{id}',
} as const;

/** docs.stripe.com/rate-limits: per account and second, 100 in live mode and 25 in a sandbox, and 25 per endpoint in both. */
const documentedGlobalPerSecond = { live: 100, test: 25 };
const documentedEndpointPerSecond = 25;

/** What each `Stripe-Rate-Limited-Reason` asks of the budgets. */
const signalOfReason: Record<string, RateLimitSignal> = {
  'global-rate': { slow: 'rate', scope: 'global', reason: 'global-rate' },
  'endpoint-rate': { slow: 'rate', scope: 'endpoint', reason: 'endpoint-rate' },
  // A limit on some resource behind the endpoint: slowing that endpoint eases it.
  'resource-specific': { slow: 'rate', scope: 'endpoint', reason: 'resource-specific' },
  'global-concurrency': { slow: 'concurrency', scope: 'global', reason: 'global-concurrency' },
  'endpoint-concurrency': { slow: 'concurrency', scope: 'endpoint', reason: 'endpoint-concurrency' },
};

/**
 * A 429's meaning: `code: lock_timeout` is one object locked by another request, retried
 * without a slowdown; otherwise the budget `Stripe-Rate-Limited-Reason` names. A reason
 * Stripe may add later, or none at all, slows the account's global budget.
 */
export function readStripeRateLimited(answer: RateLimitedAnswer): RateLimitSignal {
  const error = stripeWireError.safeParse(answer.body);
  if (error.success && error.data.error.code === 'lock_timeout') return { slow: 'nothing', reason: 'lock_timeout' };
  const reason = answer.header('stripe-rate-limited-reason')?.trim().toLowerCase();
  if (reason === undefined || reason === '') return { slow: 'rate', scope: 'global', reason: 'unspecified' };
  return signalOfReason[reason] ?? { slow: 'rate', scope: 'global', reason: 'other' };
}

/** Stripe's documented limits for a key's mode (live or test), with the endpoints the client calls. */
export function stripeRateLimits(secretKey: string): ProviderRateLimits {
  const live = /^(sk|rk)_live_/.test(secretKey);
  return {
    documentedGlobalPerSecond: live ? documentedGlobalPerSecond.live : documentedGlobalPerSecond.test,
    endpoints: Object.fromEntries(Object.values(stripeEndpoints).map((endpoint) => [endpoint, documentedEndpointPerSecond])),
    readRateLimited: readStripeRateLimited,
  };
}
