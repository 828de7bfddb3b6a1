import type { ProviderModule } from '../provider-module.js';
import { convergeGateIdentity } from './identity.js';
import { convergeGateConfiguration, type ConvergeGateSection } from './settings.js';
import { emulatedConvergeGate } from './emulator/emulated.js';
import { ConvergeGateClient } from './client.js';
import { convergeGateSessionIdShape } from './session-id.js';
import { ConvergeGateWebhookSource } from './webhook.js';

export const convergeGateProvider: ProviderModule = {
  ...convergeGateIdentity,
  idShape: convergeGateSessionIdShape,
  refundsOnSession: true,
  createClient: (section: ConvergeGateSection, http, logger) => new ConvergeGateClient(http, section, logger),
  webhooks: {
    secretVariable: 'CONVERGEGATE_WEBHOOK_SECRET',
    createSource: (secret, window) => new ConvergeGateWebhookSource(secret, window),
  },
  configuration: convergeGateConfiguration,
  emulator: emulatedConvergeGate,
};
