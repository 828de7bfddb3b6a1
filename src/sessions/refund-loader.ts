import DataLoader from 'dataloader';
import type { ProviderCallLimit } from './provider-call-limits.js';
import type { CheckoutSession, PaymentProvider } from '../model/checkout-session.js';
import type { ReadOrigin } from '../request-tally.js';
import { summarizeRefunds, type Refund, type RefundSummary } from '../model/refund.js';
import { readTtlMs } from './read-cache-ttl.js';
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
  origin: ReadOrigin;
}

/**
 * Per request: each distinct payment intent's refunds are listed once, however many
 * fields or sessions ask for them, and a failed list fails only the fields that read it.
 */
export function createRefundLoader(
  router: SessionRouter,
  limitFor: ProviderCallLimit,
  { reads, ttlPolicy, request }: SharedReads,
): SessionRefundLoader {
  const byPaymentIntent = new DataLoader<PaymentIntentKey, Refund[], string>(
    (keys) =>
      settleEach(keys, async ({ provider, paymentIntentId, origin }) => {
        const client = router.providerOf(provider);
        const listRefunds = client.listRefunds?.bind(client);
        if (!listRefunds) return [];
        return limitFor(client.key)(() => listRefunds(paymentIntentId, origin));
      }),
    { cacheKeyFn: ({ provider, paymentIntentId }) => `${provider} ${paymentIntentId}` },
  );

  return {
    async load(session) {
      if (session.refundSource.kind === 'session-body') return session.refundSource.summary;
      if (session.paymentIntentId === null) return summarizeRefunds([], session.amountTotal);
      const { provider, paymentIntentId } = session;
      // Kept under the session's id, so that a webhook about the session evicts its refunds too.
      const refunds = await reads.read(
        'refunds',
        session.id,
        (origin) => byPaymentIntent.load({ provider, paymentIntentId, origin }),
        (outcome) => readTtlMs('refunds', outcome, ttlPolicy),
        request,
      );
      return summarizeRefunds(refunds, session.amountTotal);
    },
  };
}
