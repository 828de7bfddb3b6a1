import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { WebhookConfig } from '../config/config.js';
import type { ProviderSections } from '../config/settings.js';
import { RepeatableLog } from '../logger.js';
import { unrecordedWebhooks, type WebhookRecorder } from './webhook-recorder.js';
import type { ProviderModule } from '../providers/provider-module.js';
import { providerRegistry } from '../providers/registry.js';
import type { WebhookSource } from '../providers/webhook-source.js';
import { RequestBodyError, type RequestBodies } from '../server/request-bodies.js';
import type { RequestHandler } from '../server/http-server.js';
import { sendJson } from '../server/json-response.js';
import type { SessionChange } from '../sessions/change-bus.js';
import type { DeliveredEvents } from './delivered-events.js';

export interface WebhookRouteOptions {
  /** By path, e.g. `/webhooks/stripe`, with the key of its provider; `source` is undefined while `secretVariable` is not set. */
  endpoints: Readonly<Record<string, { providerKey: string; source: WebhookSource | undefined; secretVariable: string }>>;
  /** Reads each delivery's body, bounded in size and in how many are read at once. */
  bodies: RequestBodies;
  /**
   * Forgets what is kept about a session (in every replica, in fleet mode), so the next
   * read fetches it fresh; false when the eviction could not reach Redis.
   */
  evictSession(sessionId: string): Promise<boolean>;
  /** The events handled recently, so a replay changes nothing. */
  deliveredEvents: DeliveredEvents;
  /** Told of the sessions a verified event changed, once they are evicted (the change feed refetches them for subscribers). */
  sessionsChanged?(changes: SessionChange[]): void;
  nowSeconds?: () => number;
  /** Told of each delivery that reached a signature check, verified or rejected. */
  recorder?: WebhookRecorder;
  /** Where each delivery is logged; a rejection a sender repeats, at most once a minute. */
  logger: Logger;
}

/** `/webhooks/<key>` of each provider (`/webhooks/stripe`, `/webhooks/convergegate`), each on once its secret is set. */
export function createProviderWebhookRoutes(
  config: WebhookConfig,
  sections: ProviderSections,
  options: Omit<WebhookRouteOptions, 'endpoints'>,
  registry: readonly ProviderModule[] = providerRegistry,
): Map<string, RequestHandler> {
  const window = { toleranceSeconds: config.toleranceSeconds, futureSkewSeconds: config.futureSkewSeconds };
  const endpoints = registry.map(({ key, webhooks, configuration }) => {
    const secret = sections[key]?.webhookSecret;
    const source = secret ? webhooks.createSource(secret, window) : undefined;
    return [`/webhooks/${key}`, { providerKey: key, source, secretVariable: configuration.webhookSecretVariable }] as const;
  });
  return createWebhookRoutes({ ...options, endpoints: Object.fromEntries(endpoints) });
}

/**
 * `POST /webhooks/<provider>`: a verified event evicts the sessions it is about and gets
 * 200 once the eviction has reached every replica (in fleet mode: once Redis has it), or
 * 503, which the provider retries, when it could not; anything unverified gets 400 and
 * changes nothing. An event handled already (within the timestamp window) is answered
 * 200 again and evicts nothing.
 */
function createWebhookRoutes(options: WebhookRouteOptions): Map<string, RequestHandler> {
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const delivered = options.deliveredEvents;
  const repeatable = new RepeatableLog(options.logger);
  const routes = new Map<string, RequestHandler>();
  for (const [path, { providerKey, source, secretVariable }] of Object.entries(options.endpoints)) {
    routes.set(path, async (request, response, tally) => {
      if (source) return receive(providerKey, source, options, delivered, repeatable, nowSeconds(), request, response, tally.requestId);
      sendJson(response, 404, { error: `Webhooks are not enabled at ${path}: ${secretVariable} is not set` });
    });
  }
  return routes;
}

async function receive(
  providerKey: string,
  source: WebhookSource,
  options: WebhookRouteOptions,
  delivered: DeliveredEvents,
  repeatable: RepeatableLog,
  nowSeconds: number,
  request: IncomingMessage,
  response: ServerResponse,
  requestId: string,
): Promise<void> {
  if (request.method !== 'POST') {
    response.setHeader('allow', 'POST');
    return sendJson(response, 405, { error: 'Webhooks are delivered with POST' });
  }
  let rawBody: Buffer;
  try {
    rawBody = await options.bodies.read(request);
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
    return sendJson(response, error.status, { error: error.message });
  }
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const delivery = { header, rawBody, nowSeconds };
  const check = source.verify(delivery);
  const recorder = options.recorder ?? unrecordedWebhooks;
  if (!check.valid) {
    recorder.received(source.provider, 'rejected');
    repeatable.log('warn', `webhook-rejected ${source.provider} ${check.reason}`, { requestId, provider: source.provider, reason: check.reason }, 'webhook rejected');
    return sendJson(response, 400, { error: `Webhook signature could not be verified: ${check.reason}` });
  }
  let event: unknown;
  try {
    event = JSON.parse(rawBody.toString('utf8'));
  } catch {
    recorder.received(source.provider, 'rejected');
    return sendJson(response, 400, { error: 'Webhook body is not valid JSON' });
  }
  const eventKey = source.eventKeyOf(event, delivery);
  if (await delivered.seen(providerKey, eventKey)) {
    recorder.received(source.provider, 'repeated');
    options.logger.debug({ requestId, provider: source.provider }, 'webhook event handled already: nothing evicted');
    return sendJson(response, 200, { received: true });
  }
  const sessionIds = source.sessionIdsOf(event);
  const evicted = await Promise.all(sessionIds.map((sessionId) => options.evictSession(sessionId)));
  if (evicted.includes(false)) {
    recorder.received(source.provider, 'unsaved');
    repeatable.log('warn', `webhook-unsaved ${source.provider}`, { requestId, provider: source.provider, sessionIds }, 'webhook eviction could not reach Redis: answered 503 for the provider to retry');
    response.setHeader('retry-after', '30');
    return sendJson(response, 503, { error: 'The eviction could not be shared with every replica; deliver the event again later' });
  }
  await delivered.remember(providerKey, eventKey);
  const final = source.endsPayment(event);
  options.sessionsChanged?.(sessionIds.map((sessionId) => ({ sessionId, final })));
  recorder.received(source.provider, 'verified');
  options.logger.info({ requestId, provider: source.provider, sessionIds }, 'webhook verified');
  sendJson(response, 200, { received: true });
}
