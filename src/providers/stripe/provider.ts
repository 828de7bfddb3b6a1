import type { ProviderModule } from '../provider-module.js';
import { stripeIdentity } from './identity.js';
import { stripeConfiguration, type StripeSection } from './settings.js';
import { emulatedStripe } from './emulator/emulated.js';
import { StripeClient } from './client.js';
import { stripeSessionIdShape } from './session-id.js';
import { StripeWebhookSource } from './webhook.js';

export const stripeProvider: ProviderModule = {
  ...stripeIdentity,
  idShape: stripeSessionIdShape,
  // Refunds are listed by payment intent, apart from the session.
  refundsOnSession: false,
  createClient: (section: StripeSection, http, logger) => new StripeClient(http, section, logger),
  webhooks: {
    secretVariable: 'STRIPE_WEBHOOK_SECRET',
    createSource: (secret, window) => new StripeWebhookSource(secret, window),
  },
  configuration: stripeConfiguration,
  emulator: emulatedStripe,
};
