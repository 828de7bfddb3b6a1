import DataLoader from 'dataloader';
import type { ProviderCallLimit } from './provider-call-limits.js';
import type { CheckoutSession, PaymentProvider } from '../model/checkout-session.js';
import type { ReadOrigin } from '../request-tally.js';
import { summarizeRefunds, type Refund, type RefundSummary } from '../model/refund.js';
import type { InvoicePaymentLoader } from './invoice-payment-loader.js';
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
 * A session paid through an invoice has the refunds of every payment on the invoice.
 */
export function createRefundLoader(
  router: SessionRouter,
  limitFor: ProviderCallLimit,
  invoicePayments: InvoicePaymentLoader,
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

  const refundsOf = (session: CheckoutSession, origin: ReadOrigin): Promise<Refund[]> => {
    const { provider, paymentSource, paymentIntentId } = session;
    if (paymentSource.kind === 'invoice') {
      return invoicePayments.load({ provider, invoiceId: paymentSource.invoiceId, origin }).then(async (paymentIntentIds) => {
        const lists = await Promise.all(paymentIntentIds.map((id) => byPaymentIntent.load({ provider, paymentIntentId: id, origin })));
        return lists.flat();
      });
    }
    return paymentIntentId === null ? Promise.resolve([]) : byPaymentIntent.load({ provider, paymentIntentId, origin });
  };

  return {
    async load(session) {
      const source = session.paymentSource;
      if (source.kind === 'session-body') return source.summary;
      if (source.kind === 'payment-intent' && session.paymentIntentId === null) return summarizeRefunds([], session.amountTotal);
      // Kept under the session's id, so that a webhook about the session evicts its refunds too.
      const refunds = await reads.read(
        'refunds',
        session.id,
        (origin) => refundsOf(session, origin),
        (outcome) => readTtlMs('refunds', outcome, ttlPolicy),
        request,
      );
      return summarizeRefunds(refunds, session.amountTotal);
    },
  };
}
