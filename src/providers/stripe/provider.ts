import type { ProviderModule } from '../provider-module.js';
import { stripeConfiguration } from './settings.js';
import { emulatedStripe } from './emulator/emulated.js';
import { StripeClient } from './client.js';
import { stripeSessionIdShape } from './session-id.js';
import { StripeWebhookSource } from './webhook.js';

export const stripeProvider: ProviderModule = {
  key: 'stripe',
  schemaValue: 'STRIPE',
  label: 'Stripe',
  idShape: stripeSessionIdShape,
  // Refunds are listed by payment intent, apart from the session.
  refundsOnSession: false,
  createClient: ({ stripe }, http, logger) => stripe && new StripeClient(http, stripe, logger),
  webhooks: {
    secretVariable: 'STRIPE_WEBHOOK_SECRET',
    secretOf: ({ stripe }) => stripe?.webhookSecret,
    createSource: (secret, window) => new StripeWebhookSource(secret, window),
  },
  configuration: stripeConfiguration,
  emulator: emulatedStripe,
};
