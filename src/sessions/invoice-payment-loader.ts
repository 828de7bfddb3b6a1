import type DataLoader from 'dataloader';
import { createProviderCallLoader, type ProviderCallKey } from './provider-call-loader.js';
import type { ProviderCallLimit } from './provider-call-limits.js';
import type { SessionRouter } from './router.js';

/** The payment intents of an invoice's payments (by the invoice's id), for a session paid through the invoice. */
export type InvoicePaymentLoader = DataLoader<ProviderCallKey, string[], string>;

/**
 * Per request: each distinct invoice's payments are listed once, whether its session's
 * refunds, its fees or both are asked for.
 */
export function createInvoicePaymentLoader(router: SessionRouter, limitFor: ProviderCallLimit): InvoicePaymentLoader {
  return createProviderCallLoader(router, limitFor, (client) => client.listInvoicePayments?.bind(client), []);
}
