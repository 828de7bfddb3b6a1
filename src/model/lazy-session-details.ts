import { noCheckoutSessionDetails, type CheckoutSessionDetails } from './checkout-session-details.js';

const readDetails = Symbol('readDetails');
const detailsRead = Symbol('detailsRead');

interface WithDetailsReader {
  [readDetails]?: (() => CheckoutSessionDetails) | undefined;
  [detailsRead]?: CheckoutSessionDetails;
}

function detailsOf(session: WithDetailsReader): CheckoutSessionDetails {
  let details = session[detailsRead];
  if (details === undefined) {
    details = session[readDetails]!();
    session[detailsRead] = details;
    // The reader holds the provider's whole body: let it go.
    session[readDetails] = undefined;
  }
  return details;
}

/**
 * The prototype of a session whose details are read on first access: one getter per field
 * of `CheckoutSessionDetails`, and `toJSON` so that `JSON.stringify` (the read cache's size
 * bound) sees every field.
 */
const lazyDetailsPrototype: object = Object.create(Object.prototype, {
  ...Object.fromEntries(
    Object.keys(noCheckoutSessionDetails).map((key) => [
      key,
      {
        enumerable: true,
        get(this: WithDetailsReader) {
          return detailsOf(this)[key as keyof CheckoutSessionDetails];
        },
      },
    ]),
  ),
  toJSON: {
    value(this: WithDetailsReader) {
      return { ...this, ...detailsOf(this) };
    },
  },
});

/**
 * A checkout session whose details (page settings, consents, custom fields, branding...)
 * are read from the provider's body only when something first asks for one of them: most
 * queries select none, and reading them costs more than the rest of the session. `core`,
 * a plain object, gets them as getters from its prototype, which keeps it a fast object
 * (a getter per session, or copying `core` into a class instance, would not).
 */
export function withLazyDetails<Core extends object>(core: Core, read: () => CheckoutSessionDetails): Core & CheckoutSessionDetails {
  (core as WithDetailsReader)[readDetails] = read;
  return Object.setPrototypeOf(core, lazyDetailsPrototype) as Core & CheckoutSessionDetails;
}
