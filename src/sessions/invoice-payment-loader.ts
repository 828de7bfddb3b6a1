import DataLoader from 'dataloader';
import type { PaymentProvider } from '../model/checkout-session.js';
import type { ReadOrigin } from '../request-tally.js';
import type { ProviderCallLimit } from './provider-call-limits.js';
import type { SessionRouter } from './router.js';
import { settleEach } from './settle-each.js';

export interface InvoiceKey {
  provider: PaymentProvider;
  invoiceId: string;
  origin: ReadOrigin;
}

/** The payment intents of an invoice's payments, for a session paid through the invoice. */
export type InvoicePaymentLoader = DataLoader<InvoiceKey, string[], string>;

/**
 * Per request: each distinct invoice's payments are listed once, whether its session's
 * refunds, its fees or both are asked for.
 */
export function createInvoicePaymentLoader(router: SessionRouter, limitFor: ProviderCallLimit): InvoicePaymentLoader {
  return new DataLoader<InvoiceKey, string[], string>(
    (keys) =>
      settleEach(keys, async ({ provider, invoiceId, origin }) => {
        const client = router.providerOf(provider);
        const listInvoicePayments = client.listInvoicePayments?.bind(client);
        if (!listInvoicePayments) return [];
        return limitFor(client.key)(() => listInvoicePayments(invoiceId, origin));
      }),
    { cacheKeyFn: ({ provider, invoiceId }) => `${provider} ${invoiceId}` },
  );
}
