import type { ProviderModule } from '../provider-module.js';
import { convergeGateConfiguration } from './settings.js';
import { emulatedConvergeGate } from './emulator/emulated.js';
import { ConvergeGateClient } from './client.js';
import { convergeGateSessionIdShape } from './session-id.js';
import { ConvergeGateWebhookSource } from './webhook.js';

export const convergeGateProvider: ProviderModule = {
  key: 'convergegate',
  schemaValue: 'CONVERGE_GATE',
  label: 'Converge Gate',
  idShape: convergeGateSessionIdShape,
  refundsOnSession: true,
  createClient: ({ convergegate }, http, logger) => convergegate && new ConvergeGateClient(http, convergegate, logger),
  webhooks: {
    secretVariable: 'CONVERGEGATE_WEBHOOK_SECRET',
    secretOf: ({ convergegate }) => convergegate?.webhookSecret,
    createSource: (secret, window) => new ConvergeGateWebhookSource(secret, window),
  },
  configuration: convergeGateConfiguration,
  emulator: emulatedConvergeGate,
};
