import type { CheckoutSession } from '../model/checkout-session.js';
import type { CheckoutLineItem } from '../model/line-item.js';
import type { LineItemExpansion, ReadExpansion, SessionExpansion } from '../model/read-expansion.js';
import type { Refund } from '../model/refund.js';
import type { FeesAndSettlement } from '../model/settlement.js';
import type { ReadOrigin } from '../request-tally.js';

/** One payment provider, as the sessions layer sees it. `origin` names the request a call is for, in logs and metrics. */
export interface CheckoutProvider {
  /** Its module's key, e.g. `stripe`. */
  readonly key: string;
  /** Its module's label, as it appears in errors, logs and the readiness report, e.g. `Stripe`. */
  readonly label: string;
  /** The account its key belongs to (`providerAccount`): what it shares through Redis is kept under it. */
  readonly account: string;
  /** The parts of a session and of its line items this provider sends only when asked; [] when its reads always come whole. */
  readonly expansions: readonly ReadExpansion[];
  /**
   * Resolves to the session with at least these expansions (of the provider's own), or
   * rejects with a typed error from `errors.ts`.
   */
  retrieveSession(id: string, expansions: readonly SessionExpansion[], origin?: ReadOrigin): Promise<CheckoutSession>;
  /** All refunds of a payment intent, for providers whose sessions do not carry them. */
  listRefunds?(paymentIntentId: string, origin?: ReadOrigin): Promise<Refund[]>;
  /** All line items of a session with at least these expansions, for providers that keep them. */
  listLineItems?(sessionId: string, expansions: readonly LineItemExpansion[], origin?: ReadOrigin): Promise<CheckoutLineItem[]>;
  /** The payment intents of an invoice's payments, canceled ones left out, for providers whose sessions can be paid through an invoice. */
  listInvoicePayments?(invoiceId: string, origin?: ReadOrigin): Promise<string[]>;
  /** The fees and settlement of one payment intent, for providers whose sessions can be paid through an invoice. */
  retrievePaymentSettlement?(paymentIntentId: string, origin?: ReadOrigin): Promise<FeesAndSettlement>;
}

/** How a provider's session ids look; known whether or not the provider is configured. */
export interface SessionIdShape {
  /** True when an id of this form belongs to the provider, well-formed or not. */
  claims(id: string): boolean;
  /** Why a claimed id is malformed; undefined when it is well-formed. */
  problemWith(id: string): string | undefined;
}
