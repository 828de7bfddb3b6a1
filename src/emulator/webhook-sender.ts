import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { request } from 'undici';
import type { ProviderSections } from '../config/settings.js';
import type { MovingSession } from '../providers/emulated-provider.js';
import type { ProviderModule } from '../providers/provider-module.js';

/** Where the emulator sends its webhooks: the subgraph, and the sections whose webhook secrets it verifies them with. */
export interface WebhookTarget {
  /** The subgraph's base URL; each provider's events go to `/webhooks/<key>`. */
  subgraphUrl: string;
  providers: ProviderSections;
}

/**
 * Sends the event a moving session's change makes its provider send, signed as that
 * provider signs, logged to `logger`; nothing when the subgraph has no webhook secret for it.
 */
export async function sendWebhook(target: WebhookTarget, provider: ProviderModule, moved: MovingSession, logger: Logger): Promise<void> {
  const secret = target.providers[provider.key]?.webhookSecret;
  if (secret === undefined) return;
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: `evt_emulator${randomBytes(12).toString('hex')}`,
    object: 'event',
    type: moved.eventType,
    created: timestamp,
    data: { object: provider.emulator.eventObject(moved.after) },
  });
  const headers = { 'content-type': 'application/json', ...provider.emulator.signatureHeaders(secret, timestamp, body) };
  try {
    const response = await request(`${target.subgraphUrl}/webhooks/${provider.key}`, { method: 'POST', headers, body });
    await response.body.dump();
    logger.info({ sessionId: moved.id, status: response.statusCode }, 'emulator sent a webhook');
  } catch (error) {
    logger.warn({ sessionId: moved.id, err: error }, 'emulator could not send a webhook');
  }
}
