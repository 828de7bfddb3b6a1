import type { SessionIdShape } from '../checkout-provider.js';

/** Stripe Checkout Session ids: `cs_test_` or `cs_live_`, then letters and digits. */
const stripeSessionId = /^cs_(test|live)_[A-Za-z0-9]{8,200}$/;

export const stripeSessionIdShape: SessionIdShape = {
  provider: 'STRIPE',
  displayName: 'Stripe',
  claims: (id) => id.startsWith('cs_test_') || id.startsWith('cs_live_'),
  problemWith: (id) =>
    stripeSessionId.test(id) ? undefined : 'a Stripe id is cs_test_... or cs_live_... followed by 8 to 200 letters and digits',
};
