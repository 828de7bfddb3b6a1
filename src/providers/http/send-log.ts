import { spacingPerCallSecondMs } from './rate-limit.js';

/** Send times kept per budget: enough for any rate a budget is likely to be given. */
const maxKept = 1000;

/** When this process actually sent one budget's latest calls, oldest first. */
class SendLog {
  private readonly sent: number[] = [];

  /**
   * How long a call must wait before it may go at `perSecond`, so that no `spacingPerCallSecondMs`
   * holds more than the rate. A rate with a fraction (a replica's share of a budget) spans its
   * whole calls over their share of that time: held to the whole number below, the calls
   * would go slower than their turns come, and pile up here.
   */
  waitMs(perSecond: number, now: number): number {
    const allowed = Math.min(maxKept, Math.max(1, Math.floor(perSecond)));
    if (this.sent.length < allowed) return 0;
    const spanMs = (spacingPerCallSecondMs * allowed) / Math.max(perSecond, 1);
    return Math.max(0, this.sent[this.sent.length - allowed]! + spanMs - now);
  }

  record(now: number): void {
    this.sent.push(now);
    if (this.sent.length > maxKept) this.sent.shift();
  }
}

/**
 * The budgets' calls as this process actually sent them. A turn is a moment reserved
 * ahead, and a call can leave later than its turn (a busy event loop, a late timer) while
 * the next ones leave on time and crowd into one second with it. Checked just before a
 * call is sent, the logs hold the calls as sent to the same spacing as the turns.
 */
export class SendLogs {
  private readonly logs = new Map<string, SendLog>();

  /** The wait the busiest of the call's budgets asks for; 0 when it may go now, and then it is logged in each. */
  delayBeforeSend(rates: ReadonlyArray<readonly [budget: string, perSecond: number]>, now: number): number {
    const logs = rates.map(([budget, perSecond]) => {
      let log = this.logs.get(budget);
      if (!log) this.logs.set(budget, (log = new SendLog()));
      return { log, perSecond };
    });
    const waitMs = Math.max(0, ...logs.map(({ log, perSecond }) => log.waitMs(perSecond, now)));
    if (waitMs === 0) for (const { log } of logs) log.record(now);
    return waitMs;
  }
}
