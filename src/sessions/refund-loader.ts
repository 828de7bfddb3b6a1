import DataLoader from 'dataloader';
import type { ProviderCallLimit } from './provider-call-limits.js';
import type { CheckoutSession, PaymentProvider } from '../model/checkout-session.js';
import { summarizeRefunds, type Refund, type RefundSummary } from '../model/refund.js';
import type { SessionRouter } from './router.js';

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
export function createRefundLoader(router: SessionRouter, limitFor: ProviderCallLimit): SessionRefundLoader {
  const byPaymentIntent = new DataLoader<PaymentIntentKey, Refund[], string>(
    (keys) =>
      Promise.all(
        keys.map(({ provider, paymentIntentId }) => {
          const client = router.providerNamed(provider);
          const listRefunds = client.listRefunds?.bind(client);
          if (!listRefunds) return Promise.resolve([]);
          return limitFor(provider)(() => listRefunds(paymentIntentId)).catch(asError);
        }),
      ),
    { cacheKeyFn: ({ provider, paymentIntentId }) => `${provider} ${paymentIntentId}` },
  );

  return {
    async load(session) {
      if (session.refundSource.kind === 'session-body') return session.refundSource.summary;
      if (session.paymentIntentId === null) return summarizeRefunds([], session.amountTotal);
      const refunds = await byPaymentIntent.load({ provider: session.provider, paymentIntentId: session.paymentIntentId });
      return summarizeRefunds(refunds, session.amountTotal);
    },
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
