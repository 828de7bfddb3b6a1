import { describe, expect, it } from 'vitest';
import { SendLogs } from '../../../../src/providers/http/send-log.js';

describe('the calls as sent', () => {
  it('holds back a call that would put more than the budget into 1.05 s of calls as sent, after one left late', () => {
    const logs = new SendLogs();
    const budgets = [['/v1/refunds', 2] as const, ['global', 20] as const];
    // The first call left 40 ms after its turn at 0; the second leaves on time at 525.
    expect(logs.delayBeforeSend(budgets, 40)).toBe(0);
    expect(logs.delayBeforeSend(budgets, 525)).toBe(0);
    // Its turn came at 1050, but the first left at 40: two calls of a 2/s budget span 1.05 s as sent too.
    expect(logs.delayBeforeSend(budgets, 1050)).toBe(40);
    expect(logs.delayBeforeSend(budgets, 1090)).toBe(0);
  });

  it('logs a call in none of its budgets while any one of them holds it back', () => {
    const logs = new SendLogs();
    expect(logs.delayBeforeSend([['global', 1]], 0)).toBe(0);
    expect(logs.delayBeforeSend([['/v1/refunds', 5], ['global', 1]], 100)).toBe(950);
    // The refused call left nothing in the endpoint's log: five go there at once.
    expect(Array.from({ length: 5 }, (_, index) => logs.delayBeforeSend([['/v1/refunds', 5]], 200 + index))).toEqual([0, 0, 0, 0, 0]);
  });

  it('lets calls at a third of 20 calls/s (one replica of three) go on their turns, 157.5 ms apart, without holding any back', () => {
    const logs = new SendLogs();
    const share = [['/v1/checkout/sessions/{id}', 20 / 3] as const];
    expect(Array.from({ length: 12 }, (_, index) => logs.delayBeforeSend(share, index * 157.5))).toEqual(Array(12).fill(0));
    // One more, early, is still held to the spacing: 7 calls of a 6.67/s budget span 945 ms.
    expect(logs.delayBeforeSend(share, 11 * 157.5 + 100)).toBeGreaterThan(0);
  });
});
