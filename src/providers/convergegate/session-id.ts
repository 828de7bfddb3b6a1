import type { SessionIdShape } from '../checkout-provider.js';

/** Converge Gate ids have no documented prefix: about 22 base64url characters. */
const convergeGateSessionId = /^[A-Za-z0-9_-]{8,64}$/;

/** Claims every id no other provider claims, so it must be asked last. */
export const convergeGateSessionIdShape: SessionIdShape = {
  claims: () => true,
  problemWith: (id) =>
    convergeGateSessionId.test(id)
      ? undefined
      : 'expected a Stripe id (cs_test_..., cs_live_...) or a Converge Gate id (8 to 64 characters of A-Z a-z 0-9 - _)',
};
