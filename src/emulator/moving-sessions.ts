import type { Logger } from 'pino';
import type { EmulatedRoutes, MovingSession } from '../providers/emulated-provider.js';
import type { ProviderModule } from '../providers/provider-module.js';
import { sendWebhook, type WebhookTarget } from './webhook-sender.js';

/** How long after its first read a moving session moves, unless the emulator is told otherwise. */
export const movingSessionDelayMs = 10_000;

/** A provider's moving session and the routes that serve it. */
export interface ServedMovingSession {
  provider: ProviderModule;
  routes: EmulatedRoutes;
  session: MovingSession;
}

/**
 * Sessions that change on their own, as a payment does: each moves to its later state a
 * while after it is first read (once per emulator), and its provider's webhook is then
 * sent to the subgraph, when the emulator has been told where it is.
 */
export class MovingSessions {
  private readonly byId: Map<string, ServedMovingSession>;
  private readonly timers = new Set<NodeJS.Timeout>();
  private webhooks: { target: WebhookTarget; logger: Logger } | undefined;

  constructor(
    sessions: readonly ServedMovingSession[],
    private readonly delayMs: number,
  ) {
    this.byId = new Map(sessions.map((moving) => [moving.session.id, moving]));
    for (const { routes, session } of sessions) {
      routes.putSession(session.id, session.before);
      for (const object of session.objects?.before ?? []) routes.putObject?.(object);
    }
  }

  sendWebhooksTo(target: WebhookTarget, logger: Logger): void {
    this.webhooks = { target, logger };
  }

  /** Starts the session's move on its first read; later reads change nothing. */
  noticeRead(id: string): void {
    const moving = this.byId.get(id);
    if (!moving) return;
    this.byId.delete(id);
    const { provider, routes, session } = moving;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      routes.putSession(session.id, session.after);
      for (const object of session.objects?.after ?? []) routes.putObject?.(object);
      if (this.webhooks) void sendWebhook(this.webhooks.target, provider, session, this.webhooks.logger);
    }, this.delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
