import { describe, expect, it } from 'vitest';
import { SessionNotFoundError } from '../../../src/errors.js';
import type { CheckoutSession } from '../../../src/model/checkout-session.js';
import { SessionSubscriber, type SessionEvent } from '../../../src/sessions/session-subscriber.js';

function session(status: CheckoutSession['status'], paymentStatus: CheckoutSession['paymentStatus'], amount = 1000, note = ''): CheckoutSession {
  return {
    id: 'cs_test_watched',
    status,
    paymentStatus,
    currency: 'EUR',
    amountTotal: { amount, currency: 'EUR', minorUnitDigits: 2 },
    amountSubtotal: null,
    metadata: { note },
  } as unknown as CheckoutSession;
}

const read = (value: CheckoutSession): SessionEvent => ({ ok: true, value });

async function drain(subscriber: SessionSubscriber): Promise<SessionEvent[]> {
  const events: SessionEvent[] = [];
  for await (const event of subscriber) events.push(event);
  return events;
}

describe('a subscriber to a session', () => {
  it('gets each change of payment state once, in the order the reads started, and ends after a final state', async () => {
    const subscriber = new SessionSubscriber(() => {});
    subscriber.offer(2, read(session('OPEN', 'UNPAID')));
    subscriber.offer(1, read(session('EXPIRED', 'UNPAID')));
    subscriber.offer(3, read(session('OPEN', 'UNPAID', 1000, 'a new note')));
    subscriber.offer(4, read(session('OPEN', 'UNPAID', 1200)));
    subscriber.offer(5, read(session('COMPLETE', 'PAID', 1200)));
    subscriber.offer(6, read(session('COMPLETE', 'PAID', 1200, 'after the end')));
    const events = await drain(subscriber);
    expect(events.map((event) => (event.ok ? [event.value.status, event.value.amountTotal?.amount] : 'error'))).toEqual([
      ['OPEN', 1000],
      ['OPEN', 1200],
      ['COMPLETE', 1200],
    ]);
  });

  it('gets a failed read only as its first event, and a session the event itself ends even unchanged', async () => {
    const subscriber = new SessionSubscriber(() => {});
    subscriber.offer(1, { ok: false, error: new SessionNotFoundError('cs_test_watched') });
    subscriber.offer(2, read(session('COMPLETE', 'UNPAID')));
    subscriber.offer(3, { ok: false, error: new SessionNotFoundError('cs_test_watched') });
    subscriber.offer(4, read(session('COMPLETE', 'UNPAID')), true);
    const events = await drain(subscriber);
    expect(events.map((event) => (event.ok ? event.value.paymentStatus : 'error'))).toEqual(['error', 'UNPAID', 'UNPAID']);
  });

  it('is told when it ends, once, whether it completed or its client went away', async () => {
    let ended = 0;
    const subscriber = new SessionSubscriber(() => (ended += 1));
    subscriber.offer(1, read(session('OPEN', 'UNPAID')));
    await subscriber.return();
    subscriber.end();
    expect(ended).toBe(1);
    expect(await subscriber.next()).toEqual({ done: true, value: undefined });
  });
});
