import type { CheckoutSession } from '../model/checkout-session.js';
import { combineFeesAndSettlements, noFeesAndSettlement, type FeesAndSettlement } from '../model/settlement.js';
import type { InvoicePaymentLoader } from './invoice-payment-loader.js';
import type { ProviderCallLimit } from './provider-call-limits.js';
import type { SharedReads } from './provider-read-cache.js';
import { readTtlMs } from './read-cache-ttl.js';
import type { SessionRouter } from './router.js';
import { createProviderCallLoader } from './provider-call-loader.js';

export interface SessionSettlementLoader {
  /**
   * The session's fees and settlement: as the session carries them, or, for a session paid
   * through an invoice, read from each of the invoice's payments (calls of their own).
   */
  load(session: CheckoutSession): Promise<FeesAndSettlement>;
}

/** Per request: each distinct invoice's payments are read once, and a failed read fails only the fields that read it. */
export function createSettlementLoader(
  router: SessionRouter,
  limitFor: ProviderCallLimit,
  invoicePayments: InvoicePaymentLoader,
  { reads, ttlPolicy, request }: SharedReads,
): SessionSettlementLoader {
  const byPayment = createProviderCallLoader(router, limitFor, (client) => client.retrievePaymentSettlement?.bind(client), noFeesAndSettlement);

  return {
    load(session) {
      const { provider, paymentSource } = session;
      if (paymentSource.kind !== 'invoice') return Promise.resolve(session.feesAndSettlement);
      // Kept under the session's id, so that a webhook about the session evicts it too.
      return reads.read(
        'settlement',
        session.id,
        async (origin) => {
          const paymentIntentIds = await invoicePayments.load({ provider, id: paymentSource.invoiceId, origin });
          const parts = await Promise.all(paymentIntentIds.map((id) => byPayment.load({ provider, id, origin })));
          return combineFeesAndSettlements(parts);
        },
        (outcome) => readTtlMs('settlement', outcome, ttlPolicy),
        request,
      );
    },
  };
}
