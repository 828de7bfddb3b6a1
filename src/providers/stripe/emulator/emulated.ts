import { createHmac, randomBytes } from 'node:crypto';
import type { EmulatedProvider } from '../../emulated-provider.js';
import { stripeMovingSessions } from './moving-session.js';
import { StripeRoutes } from './routes.js';

/** Stripe as the emulator serves it: at its root, with its own endpoint secret for the webhooks it signs. */
export const emulatedStripe: EmulatedProvider = {
  pathPrefix: undefined,
  createRoutes: (account) => new StripeRoutes(account),
  webhookSecretFor: () => `whsec_emulator${randomBytes(12).toString('hex')}`,
  movingSessions: stripeMovingSessions,
  eventObject: (session) => session,
  // `Stripe-Signature`: t=<timestamp>,v1=<HMAC-SHA256 of "t.body" under the endpoint secret>.
  signatureHeaders: (secret, timestamp, body) => ({
    'stripe-signature': `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  }),
};
