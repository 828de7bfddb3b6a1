import { randomUUID } from 'node:crypto';
import { PaymentsError } from '../errors.js';
import type { SubscriptionReadPurpose } from './subscription-recorder.js';
import type { CheckoutSession } from '../model/checkout-session.js';
import type { AnnouncedChange, ChangeBus, SessionChange } from './change-bus.js';
import { pollAfterExpiryMs, type PollSchedule } from './poll-schedule.js';
import { SessionSubscriber, type SessionEvent } from './session-subscriber.js';

/**
 * Why the feed reads a session. Each is a priority for the provider budget to give its
 * turns by (first reads, then refetches after a webhook, then polls, the lowest); today
 * every read goes through the same read path as a query's.
 */
export type FeedReadPurpose = SubscriptionReadPurpose;

export type FeedReader = (sessionId: string, purpose: FeedReadPurpose) => Promise<CheckoutSession>;

export interface SessionFeedOptions {
  read: FeedReader;
  /** Throws `BAD_USER_INPUT` or `PROVIDER_NOT_CONFIGURED` for an id no provider here can have; never calls a provider. */
  checkId(sessionId: string): void;
  schedule: PollSchedule;
  bus: ChangeBus;
  /** A subscription still open after this long is ended. */
  maxLifetimeMs: number;
}

/** Failures worth waiting out: the subscription stays open and the poll tries again. */
const passingErrorCodes: ReadonlySet<string> = new Set(['PROVIDER_UNAVAILABLE', 'RATE_LIMITED']);
/**
 * Reads of a session that has never been read (its first, then its polls) before its
 * subscriptions end with the last failure: an id the provider does not know costs at most
 * this many calls, however long the provider stays busy.
 */
export const maxReadsUntilFirstSession = 5;

interface WatchedSession {
  readonly id: string;
  readonly subscribers: Set<SessionSubscriber>;
  expiresAtMs: number | undefined;
  pollTimer: NodeJS.Timeout | undefined;
  /** Set once a read answered with the session. */
  everRead: boolean;
  /** Reads that failed while it was never read. */
  failedReads: number;
}

/**
 * The change feed behind `checkoutSessionUpdated`: every session some subscriber on this
 * replica watches, the reads that tell them what changed, and the poll that keeps them
 * honest. A verified webhook is refetched once for the whole fleet (the replica that
 * claims it reads, and shares what it read over the bus); a watched session is polled once
 * per interval for the whole fleet (the shared schedule says who and when).
 */
export class SessionFeed {
  private readonly watched = new Map<string, WatchedSession>();
  private sequence = 0;
  private open = 0;

  constructor(private readonly options: SessionFeedOptions) {
    options.bus.listen({
      changed: (change) => void this.refetch(change),
      read: (session, final) => this.offer(session.id, this.nextSequence(), { ok: true, value: session }, final),
    });
  }

  /** Subscriptions open on this replica. */
  get openSubscriptions(): number {
    return this.open;
  }

  /**
   * A subscriber to the session, whose first event is the session as read now. Rejects,
   * with nothing left open, for a malformed id (without a provider call) and for a session
   * the provider says does not exist or will not serve; a passing failure is the first
   * event instead, and the poll retries.
   */
  async watch(sessionId: string, onEnd: () => void = () => {}): Promise<SessionSubscriber> {
    this.options.checkId(sessionId);
    const { watched, created } = this.watchedSession(sessionId);
    const lifetime = setTimeout(() => subscriber.end(), this.options.maxLifetimeMs);
    lifetime.unref();
    const subscriber = new SessionSubscriber((ended) => {
      clearTimeout(lifetime);
      this.leave(watched, ended);
      onEnd();
    });
    watched.subscribers.add(subscriber);
    this.open += 1;

    const sequence = this.nextSequence();
    const outcome = await settle(this.options.read(sessionId, 'first-read'));
    if (!outcome.ok && !subscriber.hasDelivered && !isPassing(outcome.error)) {
      void subscriber.return();
      // Subscribers still waiting for the session's first read learn it too.
      this.offer(sessionId, sequence, outcome, false);
      throw outcome.error;
    }
    this.offer(sessionId, sequence, outcome, false);
    // The schedule starts from this read, so that the first poll comes once its copy in the read cache is too old to answer it.
    const { schedule } = this.options;
    if (!this.isWatched(watched)) return subscriber;
    if (!outcome.ok) void schedule.restart(sessionId, watched.expiresAtMs).then((ms) => this.pollIn(watched, ms));
    else if (created) void schedule.join(sessionId, watched.expiresAtMs).then((ms) => this.pollIn(watched, ms));
    return subscriber;
  }

  /** Verified webhooks received by this replica: announced to the fleet, and refetched by whoever claims each. */
  sessionsChanged(changes: readonly SessionChange[]): void {
    for (const change of changes) {
      const announced: AnnouncedChange = { ...change, nonce: randomUUID() };
      this.options.bus.announce(announced);
      void this.refetch(announced);
    }
  }

  /** Ends every subscription (each gets its `complete`); new ones may still come until the transports refuse them. */
  completeAll(): void {
    for (const watched of [...this.watched.values()]) {
      for (const subscriber of [...watched.subscribers]) subscriber.end();
    }
  }

  private async refetch(change: AnnouncedChange): Promise<void> {
    const watched = this.watched.get(change.sessionId);
    if (!watched || !(await this.options.bus.claim(change.sessionId, change.nonce))) return;
    const sequence = this.nextSequence();
    const outcome = await settle(this.options.read(change.sessionId, 'refetch-after-webhook'));
    if (outcome.ok) this.options.bus.share(outcome.value, change.final);
    this.offer(change.sessionId, sequence, outcome, change.final);
    if (!this.isWatched(watched)) return;
    const { schedule } = this.options;
    const nextInMs = outcome.ok
      ? await schedule.postpone(watched.id, watched.expiresAtMs)
      : await schedule.restart(watched.id, watched.expiresAtMs);
    this.pollIn(watched, nextInMs);
  }

  private async pollWhenDue(watched: WatchedSession): Promise<void> {
    const claim = await this.options.schedule.claim(watched.id, watched.expiresAtMs);
    if (!this.isWatched(watched)) return;
    if (!claim.won) {
      this.pollIn(watched, claim.nextInMs);
      return;
    }
    const sequence = this.nextSequence();
    const outcome = await settle(this.options.read(watched.id, 'poll'));
    if (outcome.ok) this.options.bus.share(outcome.value, false);
    this.offer(watched.id, sequence, outcome, false);
    // The poll that came just after the expiry was the last: a session still not final then is left to webhooks.
    if (outcome.ok && outcome.value.expiresAt && outcome.value.expiresAt.getTime() + pollAfterExpiryMs <= Date.now()) return;
    if (!this.isWatched(watched)) return;
    // A session never read yet is tried again at the first interval, until its reads run out.
    const nextInMs = !outcome.ok && !watched.everRead ? await this.options.schedule.restart(watched.id, watched.expiresAtMs) : claim.nextInMs;
    this.pollIn(watched, nextInMs);
  }

  /**
   * Hands a read to the session's subscribers. While the session has never been read, a
   * failure that will not pass (`NOT_FOUND`, `BAD_USER_INPUT`...), or one failure too many,
   * is their last event.
   */
  private offer(sessionId: string, sequence: number, outcome: SessionEvent, finalByEvent: boolean): void {
    const watched = this.watched.get(sessionId);
    if (!watched) return;
    if (outcome.ok) {
      watched.expiresAtMs = outcome.value.expiresAt?.getTime();
      watched.everRead = true;
    } else if (!watched.everRead) {
      watched.failedReads += 1;
      if (!isPassing(outcome.error) || watched.failedReads >= maxReadsUntilFirstSession) {
        for (const subscriber of [...watched.subscribers]) subscriber.fail(outcome);
        return;
      }
    }
    for (const subscriber of [...watched.subscribers]) subscriber.offer(sequence, outcome, finalByEvent);
  }

  private watchedSession(sessionId: string): { watched: WatchedSession; created: boolean } {
    const known = this.watched.get(sessionId);
    if (known) return { watched: known, created: false };
    const watched: WatchedSession = { id: sessionId, subscribers: new Set(), expiresAtMs: undefined, pollTimer: undefined, everRead: false, failedReads: 0 };
    this.watched.set(sessionId, watched);
    return { watched, created: true };
  }

  private pollIn(watched: WatchedSession, delayMs: number): void {
    if (!this.isWatched(watched)) return;
    clearTimeout(watched.pollTimer);
    watched.pollTimer = setTimeout(() => void this.pollWhenDue(watched), delayMs);
    watched.pollTimer.unref();
  }

  private leave(watched: WatchedSession, subscriber: SessionSubscriber): void {
    if (!watched.subscribers.delete(subscriber)) return;
    this.open -= 1;
    if (watched.subscribers.size > 0) return;
    clearTimeout(watched.pollTimer);
    if (this.watched.get(watched.id) === watched) {
      this.watched.delete(watched.id);
      this.options.schedule.forget(watched.id);
    }
  }

  private isWatched(watched: WatchedSession): boolean {
    return this.watched.get(watched.id) === watched && watched.subscribers.size > 0;
  }

  private nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }
}

function isPassing(error: unknown): boolean {
  return error instanceof PaymentsError && passingErrorCodes.has(error.code);
}

async function settle(read: Promise<CheckoutSession>): Promise<SessionEvent> {
  try {
    return { ok: true, value: await read };
  } catch (error) {
    return { ok: false, error };
  }
}
