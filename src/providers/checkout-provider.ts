import type { CheckoutSession, PaymentProvider } from '../model/checkout-session.js';

/** One payment provider, as the sessions layer sees it. */
export interface CheckoutProvider {
  readonly name: PaymentProvider;
  /** True when the id has this provider's shape; says nothing about whether it exists. */
  ownsSessionId(id: string): boolean;
  /** Resolves to the session, or rejects with a typed error from `errors.ts`. */
  retrieveSession(id: string): Promise<CheckoutSession>;
}
