import type { Logger } from 'pino';
import type { MovingSession } from './data/moving-sessions.js';
import { sendWebhook, type WebhookTarget } from './webhook-sender.js';

/**
 * Sessions that change on their own, as a payment does: each moves to its later state a
 * while after it is first read (once per emulator), and its provider's webhook is then
 * sent to the subgraph, when the emulator has been told where it is.
 */
export class MovingSessions {
  private readonly byId: Map<string, MovingSession>;
  private readonly timers = new Set<NodeJS.Timeout>();
  private webhooks: { target: WebhookTarget; logger: Logger } | undefined;

  constructor(
    sessions: readonly MovingSession[],
    private readonly store: (moved: MovingSession, wire: MovingSession['before']) => void,
    private readonly delayMs: number,
  ) {
    this.byId = new Map(sessions.map((session) => [session.id, session]));
    for (const session of sessions) store(session, session.before);
  }

  sendWebhooksTo(target: WebhookTarget, logger: Logger): void {
    this.webhooks = { target, logger };
  }

  /** Starts the session's move on its first read; later reads change nothing. */
  noticeRead(id: string): void {
    const session = this.byId.get(id);
    if (!session) return;
    this.byId.delete(id);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.store(session, session.after);
      if (this.webhooks) void sendWebhook(this.webhooks.target, session, this.webhooks.logger);
    }, this.delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
