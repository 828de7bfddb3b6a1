import type { PaymentProvider } from '../model/checkout-session.js';

/** How the subgraph names one provider, each name where it belongs. */
export interface ProviderIdentity {
  /**
   * The key the code knows it by: its section of `Config.providers`, its webhook path
   * (`/webhooks/<key>`), its accounts' Redis names (`<key>:live:…`), its emulator's.
   */
  readonly key: string;
  /** The schema's `CheckoutPaymentProvider` value: only in the sessions it maps to the model, GraphQL and the stored model. */
  readonly schemaValue: PaymentProvider;
  /** The name a person reads: errors, logs, `/ready`'s keys, metric labels and `extensions.provider`. */
  readonly label: string;
}
