import type { ProviderCallLimit } from './provider-call-limits.js';
import type { CheckoutSession } from '../model/checkout-session.js';
import type { ReadOrigin } from '../request-tally.js';
import { summarizeRefunds, type Refund, type RefundSummary } from '../model/refund.js';
import type { InvoicePaymentLoader } from './invoice-payment-loader.js';
import { readTtlMs } from './read-cache-ttl.js';
import type { SharedReads } from './provider-read-cache.js';
import type { SessionRouter } from './router.js';
import { createProviderCallLoader } from './provider-call-loader.js';

export interface SessionRefundLoader {
  /** The session's refunds with their total; calls the provider only when the session does not carry them. */
  load(session: CheckoutSession): Promise<RefundSummary>;
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
  const byPaymentIntent = createProviderCallLoader<Refund[]>(router, limitFor, (client) => client.listRefunds?.bind(client), []);

  const refundsOf = async (session: CheckoutSession, origin: ReadOrigin): Promise<Refund[]> => {
    const { provider, paymentSource, paymentIntentId } = session;
    if (paymentSource.kind !== 'invoice') {
      return paymentIntentId === null ? [] : byPaymentIntent.load({ provider, id: paymentIntentId, origin });
    }
    const paymentIntentIds = await invoicePayments.load({ provider, id: paymentSource.invoiceId, origin });
    const lists = await Promise.all(paymentIntentIds.map((id) => byPaymentIntent.load({ provider, id, origin })));
    return lists.flat();
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
