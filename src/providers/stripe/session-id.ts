/** Stripe Checkout Session ids: `cs_test_` or `cs_live_`, then letters and digits. */
const stripeSessionId = /^cs_(test|live)_[A-Za-z0-9]{8,200}$/;

export function isStripeSessionId(id: string): boolean {
  return stripeSessionId.test(id);
}
