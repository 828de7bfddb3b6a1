import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../../src/providers/http/rate-limit.js';
import type { CallPriority } from '../../../../src/request-tally.js';
import { TurnNotWantedError, TurnQueue, TurnTooLateError } from '../../../../src/providers/http/turn-queue.js';

/** A budget whose turns come when the test says. */
function handTurns() {
  const pending: Array<(turn: Turn) => void> = [];
  return {
    nextTurn: () => new Promise<Turn>((resolve) => pending.push(resolve)),
    async giveTurn() {
      while (pending.length === 0) await Promise.resolve();
      pending.shift()!({ granted: true, waitMs: 0, overtaken: () => false });
      for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
    },
  };
}

describe('TurnQueue', () => {
  const requests = { big: {}, small: {}, refresher: {}, poller: {}, late: {} };

  it('gives turns by priority, and within one priority round the requests waiting', async () => {
    const budget = handTurns();
    const queue = new TurnQueue(budget.nextTurn, () => 100);
    const order: string[] = [];
    const queued = (name: string, group: object, priority: CallPriority = 'first-ask') =>
      void queue.take({ priority, group, wanted: () => true }, 10_000).then(() => order.push(name));
    queued('poll', requests.poller, 'poll');
    queued('refresh', requests.refresher, 'refresh');
    queued('big 1', requests.big);
    queued('big 2', requests.big);
    queued('big 3', requests.big);
    queued('small', requests.small);
    for (let turn = 0; turn < 6; turn += 1) await budget.giveTurn();
    expect(order).toEqual(['big 1', 'small', 'big 2', 'big 3', 'refresh', 'poll']);
  });

  it('refuses at once a call whose place would come later than it may wait, with that expected wait', async () => {
    const budget = handTurns();
    const queue = new TurnQueue(budget.nextTurn, () => 100);
    const waiting = [requests.big, requests.big, requests.big, requests.small].map((group) =>
      queue.take({ priority: 'first-ask', group, wanted: () => true }, 10_000),
    );
    // One turn for each of the two requests waiting comes first: 2 × 100 ms.
    const refused = await queue.take({ priority: 'first-ask', group: requests.late, wanted: () => true }, 150).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TurnTooLateError);
    expect((refused as TurnTooLateError).waitMs).toBe(200);
    // A poll waits behind every first ask: 4 × 100 ms.
    expect(queue.expectedWaitMs('poll', requests.poller)).toBe(400);
    for (let turn = 0; turn < 4; turn += 1) await budget.giveTurn();
    await Promise.all(waiting);
  });

  it("refuses at once, each with its expected wait, the calls whose turn comes after a drain's end; the others keep their turns", async () => {
    const budget = handTurns();
    const queue = new TurnQueue(budget.nextTurn, () => 100);
    const order: string[] = [];
    const queued = (name: string, group: object, priority: CallPriority = 'first-ask') =>
      queue.take({ priority, group, wanted: () => true }, 10_000).then(
        () => order.push(name),
        (error: unknown) => error,
      );
    const calls = [
      queued('big 1', requests.big),
      queued('big 2', requests.big),
      queued('big 3', requests.big),
      queued('small', requests.small),
      queued('refresh', requests.refresher, 'refresh'),
    ];
    // Turns at 0, 100, 200 ms (big 1, small, big 2); big 3's at 300 and the refresh's at 400 come after 250.
    queue.refuseTurnsAfter(performance.now() + 250);
    for (let turn = 0; turn < 3; turn += 1) await budget.giveTurn();
    const [, , big3, , refresh] = await Promise.all(calls);
    expect(order).toEqual(['big 1', 'small', 'big 2']);
    expect(big3).toBeInstanceOf(TurnTooLateError);
    expect(refresh).toBeInstanceOf(TurnTooLateError);
    expect((big3 as TurnTooLateError).waitMs).toBeCloseTo(300);
    expect((refresh as TurnTooLateError).waitMs).toBeCloseTo(400);
  });

  it('passes over a call nobody waits for any more, telling it so', async () => {
    const budget = handTurns();
    const queue = new TurnQueue(budget.nextTurn, () => 100);
    let wanted = true;
    const abandoned = queue.take({ priority: 'first-ask', group: requests.big, wanted: () => wanted }, 10_000).catch((error: unknown) => error);
    const kept = queue.take({ priority: 'first-ask', group: requests.small, wanted: () => true }, 10_000);
    wanted = false;
    await budget.giveTurn();
    await kept;
    expect(await abandoned).toBeInstanceOf(TurnNotWantedError);
  });
});
