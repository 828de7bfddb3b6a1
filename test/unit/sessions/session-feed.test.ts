import { describe, expect, it } from 'vitest';
import type { CheckoutSession } from '../../../src/model/checkout-session.js';
import { localChangeBus } from '../../../src/sessions/change-bus.js';
import { LocalPollSchedule } from '../../../src/sessions/poll-schedule.js';
import { SessionFeed } from '../../../src/sessions/session-feed.js';

describe('the change feed of one replica', () => {
  it('forgets the poll schedule of a session once nobody watches it, however many sessions were ever watched', async () => {
    const schedule = new LocalPollSchedule();
    const feed = new SessionFeed({
      read: async (id) => ({ id, status: 'OPEN', paymentStatus: 'UNPAID', expiresAt: null }) as unknown as CheckoutSession,
      checkId: () => {},
      schedule,
      bus: localChangeBus,
      maxLifetimeMs: 60_000,
    });
    for (let index = 0; index < 100; index += 1) {
      const subscriber = await feed.watch(`cs_test_watchedOnce${index}`);
      expect(schedule.size).toBe(1);
      await subscriber.return();
    }
    expect(schedule.size).toBe(0);
    expect(feed.openSubscriptions).toBe(0);
  });
});
