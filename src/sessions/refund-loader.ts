import DataLoader from 'dataloader';
import type { ProviderCallLimit } from './provider-call-limits.js';
import type { CheckoutSession, PaymentProvider } from '../model/checkout-session.js';
import { summarizeRefunds, type Refund, type RefundSummary } from '../model/refund.js';
import { readTtlMs } from './cache-ttl.js';
import type { SharedReads } from './provider-read-cache.js';
import type { SessionRouter } from './router.js';
import { settleEach } from './settle-each.js';

export interface SessionRefundLoader {
  /** The session's refunds with their total; calls the provider only when the session does not carry them. */
  load(session: CheckoutSession): Promise<RefundSummary>;
}

interface PaymentIntentKey {
  provider: PaymentProvider;
  paymentIntentId: string;
}

/**
 * Per request: each distinct payment intent's refunds are listed once, however many
 * fields or sessions ask for them, and a failed list fails only the fields that read it.
 */
export function createRefundLoader(
  router: SessionRouter,
  limitFor: ProviderCallLimit,
  { reads, ttlPolicy }: SharedReads,
): SessionRefundLoader {
  const byPaymentIntent = new DataLoader<PaymentIntentKey, Refund[], string>(
    (keys) =>
      settleEach(keys, async ({ provider, paymentIntentId }) => {
        const client = router.providerNamed(provider);
        const listRefunds = client.listRefunds?.bind(client);
        if (!listRefunds) return [];
        return limitFor(provider)(() => listRefunds(paymentIntentId));
      }),
    { cacheKeyFn: ({ provider, paymentIntentId }) => `${provider} ${paymentIntentId}` },
  );

  return {
    async load(session) {
      if (session.refundSource.kind === 'session-body') return session.refundSource.summary;
      if (session.paymentIntentId === null) return summarizeRefunds([], session.amountTotal);
      const key = { provider: session.provider, paymentIntentId: session.paymentIntentId };
      // Kept under the session's id, so that a webhook about the session evicts its refunds too.
      const refunds = await reads.read('refunds', session.id, () => byPaymentIntent.load(key), (outcome) =>
        readTtlMs('refunds', outcome, ttlPolicy),
      );
      return summarizeRefunds(refunds, session.amountTotal);
    },
  };
}
