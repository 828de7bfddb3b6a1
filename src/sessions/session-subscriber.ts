import type { CheckoutSession } from '../model/checkout-session.js';
import { paymentStateKey } from '../model/payment-state.js';
import { isFinalSession } from '../model/session-finality.js';
import type { ReadOutcome } from './read-outcome.js';

/** One event of a subscription: the session as it is now, or why it could not be read. */
export type SessionEvent = ReadOutcome<CheckoutSession>;

/**
 * One subscriber's events, as an async iterator the GraphQL layer consumes. Reads of the
 * session are offered in the order they started (`sequence`): an older read than the one
 * last delivered is dropped, and so is one whose payment state is no news. The first
 * event is whatever is read first, an error included; after a final state it ends.
 */
export class SessionSubscriber implements AsyncIterableIterator<SessionEvent> {
  private readonly queue: SessionEvent[] = [];
  private waiting: ((result: IteratorResult<SessionEvent>) => void) | undefined;
  private lastSequence = -1;
  private lastStateKey: string | undefined;
  private delivered = 0;
  private ended = false;

  constructor(private readonly onEnd: (subscriber: SessionSubscriber) => void) {}

  /** True once something, a session or an error, was delivered. */
  get hasDelivered(): boolean {
    return this.delivered > 0;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  offer(sequence: number, outcome: SessionEvent, finalByEvent = false): void {
    if (this.ended) return;
    if (!outcome.ok) {
      if (this.delivered === 0) this.deliver(outcome);
      return;
    }
    if (sequence < this.lastSequence) return;
    this.lastSequence = sequence;
    const stateKey = paymentStateKey(outcome.value);
    const final = finalByEvent || isFinalSession(outcome.value);
    if (stateKey === this.lastStateKey && !final) return;
    this.lastStateKey = stateKey;
    this.deliver(outcome);
    if (final) this.end();
  }

  /** The session cannot be read and will not be: this error is the last event, whatever came before. */
  fail(outcome: SessionEvent & { ok: false }): void {
    if (this.ended) return;
    this.deliver(outcome);
    this.end();
  }

  /** No further events: the ones queued are still delivered, then the iterator is done. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd(this);
    if (this.queue.length === 0) this.resolveWaiting({ done: true, value: undefined });
  }

  next(): Promise<IteratorResult<SessionEvent>> {
    const event = this.queue.shift();
    if (event) return Promise.resolve({ done: false, value: event });
    if (this.ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** The client went away (or the transport stopped the subscription). */
  return(): Promise<IteratorResult<SessionEvent>> {
    this.queue.length = 0;
    this.end();
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(): Promise<IteratorResult<SessionEvent>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private deliver(event: SessionEvent): void {
    this.delivered += 1;
    if (this.waiting) this.resolveWaiting({ done: false, value: event });
    else this.queue.push(event);
  }

  private resolveWaiting(result: IteratorResult<SessionEvent>): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(result);
  }
}
