import { noCheckoutSessionDetails, type CheckoutSessionDetails } from './checkout-session-details.js';

/**
 * A checkout session whose details (page settings, consents, custom fields, branding...)
 * are read from the provider's body only when something first asks for one of them: most
 * queries select none, and reading them costs more than the rest of the session. The
 * details are getters on the prototype, so making a session costs no more than a plain
 * object; `JSON.stringify` (the read cache's size bound) still sees every field.
 */
class SessionWithLazyDetails {
  #read: (() => CheckoutSessionDetails) | undefined;
  #details: CheckoutSessionDetails | undefined;

  constructor(read: () => CheckoutSessionDetails) {
    this.#read = read;
  }

  static detailsOf(session: SessionWithLazyDetails): CheckoutSessionDetails {
    if (session.#details === undefined) {
      session.#details = session.#read!();
      session.#read = undefined;
    }
    return session.#details;
  }

  toJSON(): object {
    return { ...this, ...SessionWithLazyDetails.detailsOf(this) };
  }
}

for (const key of Object.keys(noCheckoutSessionDetails) as Array<keyof CheckoutSessionDetails>) {
  Object.defineProperty(SessionWithLazyDetails.prototype, key, {
    enumerable: true,
    get(this: SessionWithLazyDetails) {
      return SessionWithLazyDetails.detailsOf(this)[key];
    },
  });
}

/** `core` with every field of `CheckoutSessionDetails` added, computed by `readDetails` once, on first access. */
export function withLazyDetails<Core extends object>(core: Core, readDetails: () => CheckoutSessionDetails): Core & CheckoutSessionDetails {
  return Object.assign(new SessionWithLazyDetails(readDetails), core) as unknown as Core & CheckoutSessionDetails;
}
