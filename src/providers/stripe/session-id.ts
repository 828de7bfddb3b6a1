import type { SessionIdShape } from '../checkout-provider.js';

/**
 * Stripe Checkout Session ids: `cs_test_` or `cs_live_`, then characters of `A-Z a-z 0-9 _ -`.
 * Stripe treats ids as opaque strings whose length and format may change without a new API
 * version; it promises only that they never exceed 255 characters. The character set keeps
 * anything that could change the request path (`/`, `%`, `?`, `#`, `.`) out of it.
 */
const stripeSessionId = /^cs_(test|live)_[A-Za-z0-9_-]+$/;
const maxStripeIdLength = 255;

export const stripeSessionIdShape: SessionIdShape = {
  claims: (id) => id.startsWith('cs_test_') || id.startsWith('cs_live_'),
  problemWith: (id) =>
    id.length <= maxStripeIdLength && stripeSessionId.test(id)
      ? undefined
      : `a Stripe id is cs_test_... or cs_live_... followed by letters, digits, _ or -, ${maxStripeIdLength} characters at most`,
};
