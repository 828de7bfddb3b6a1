import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimitedError } from '../../errors.js';
import type { ProviderCallRecorder } from './provider-call-recorder.js';
import { ConcurrencyLimits, type ReleaseSlot } from './concurrency-limits.js';
import { spacingMs, type AccountBudgets, type ProviderRateLimits, type RateLimit, type RateLimitedAnswer, type RateLimitSignal } from './rate-limit.js';
import { SendLogs } from './send-log.js';
import { TurnQueue, TurnTooLateError, type QueuedCall } from './turn-queue.js';

/** What the pacing needs to know of a call. */
export interface PacedCall {
  provider: string;
  /** The endpoint, as a path template: the budget it counts against besides the account's. */
  pathTemplate: string;
  rateLimits?: ProviderRateLimits | undefined;
}

/** The budgets configured for every provider alike; undefined: from what each provider documents. */
export interface ConfiguredBudgets {
  endpointRateLimit?: number | undefined;
  globalRateLimit?: number | undefined;
}

const defaults = {
  /** The account's global budget where the provider documents no limit of its own. */
  undocumentedGlobalPerSecond: 20,
  /** Share of a documented limit kept to by default: the rest is the account's other traffic (checkout creation, refunds, back office). */
  shareOfDocumentedLimit: 0.8,
};

/** For a 429 whose provider client reads no reason: the account as a whole was too busy. */
const unreadRateLimit: RateLimitSignal = { slow: 'rate', scope: 'global', reason: 'unspecified' };

/** A call's turn would come later than it may wait: refused without reaching the provider. */
export class QueueFullError extends Error {
  constructor(readonly waitMs: number) {
    super('rate limit queue full');
  }

  toProviderError(provider: string): RateLimitedError {
    return new RateLimitedError(provider, 'too many calls queued under its rate budget', {
      retryAfter: Math.max(1, Math.ceil(this.waitMs / 1000)),
    });
  }
}

/**
 * The account's budgets: the ones configured, else a share of the documented ones (a
 * provider documenting no global limit gets 20 calls/s); 0 is none.
 */
export function accountBudgets(call: PacedCall, account: string, configured: ConfiguredBudgets): AccountBudgets {
  const declared = call.rateLimits;
  const shareOf = (documented: number | undefined) => (documented === undefined ? undefined : documented * defaults.shareOfDocumentedLimit);
  const globalPerSecond = configured.globalRateLimit ?? shareOf(declared?.documentedGlobalPerSecond) ?? defaults.undocumentedGlobalPerSecond;
  const endpointPerSecond = new Map<string, number>();
  for (const [endpoint, documented] of Object.entries(declared?.endpoints ?? { [call.pathTemplate]: undefined })) {
    const perSecond = configured.endpointRateLimit ?? shareOf(documented);
    if (perSecond) endpointPerSecond.set(endpoint, perSecond);
  }
  return { provider: call.provider, account, globalPerSecond: globalPerSecond > 0 ? globalPerSecond : undefined, endpointPerSecond };
}

/**
 * Paces one provider account's calls: a slot under the concurrency caps, a turn under the
 * rate budgets (none when pacing is off), the calls as sent kept to their turns' spacing;
 * and what a 429 does to them.
 */
export class AccountPacing {
  private readonly sent = new SendLogs();
  private readonly concurrency = new ConcurrencyLimits();
  private readonly queues = new Map<string, TurnQueue>();

  constructor(
    private readonly rate: RateLimit | undefined,
    private readonly recorder: ProviderCallRecorder,
  ) {}

  /**
   * Waits for a slot under the concurrency caps, then for the call's turn under its
   * budgets, in the endpoint's queue (by priority, then round the requests waiting; a
   * turn overtaken by a slowdown is taken again at the slower pace). Resolves the slot's
   * release; throws `QueueFullError` when either would come later than `maxWaitMs`, and
   * `TurnNotWantedError` when nobody waits for the call any more.
   */
  async takeTurn(call: PacedCall, maxWaitMs: number, queued: QueuedCall): Promise<ReleaseSlot> {
    const waitUntil = performance.now() + maxWaitMs;
    const slot = await this.concurrency.acquire(call.pathTemplate, maxWaitMs);
    if (!slot) throw new QueueFullError(maxWaitMs);
    try {
      if (!this.rate) return slot;
      await this.waitInQueue(call, this.rate, queued, Math.max(0, waitUntil - performance.now()));
      await this.keepSpacingAsSent(call.pathTemplate, this.rate);
      return slot;
    } catch (error) {
      slot();
      throw error;
    }
  }

  /** Refuses at once the calls waiting for a turn that would come after `deadlineAt` (`performance.now()` time). */
  refuseTurnsAfter(deadlineAt: number): void {
    for (const queue of this.queues.values()) queue.refuseTurnsAfter(deadlineAt);
  }

  /** A 429: the budget it names slows down (or its concurrency cap comes down), as the provider client reads it. */
  async rateLimited(call: PacedCall, answer: RateLimitedAnswer): Promise<void> {
    const signal = call.rateLimits?.readRateLimited?.(answer) ?? unreadRateLimit;
    this.recorder.rateLimited(call.provider, boundedReason(signal.reason));
    if (signal.slow === 'rate') await this.rate?.slowDown(signal.scope, call.pathTemplate);
    else if (signal.slow === 'concurrency') this.concurrency.lower(signal.scope, call.pathTemplate);
  }

  private async waitInQueue(call: PacedCall, rate: RateLimit, queued: QueuedCall, maxWaitMs: number): Promise<void> {
    const queue = this.queueOf(call.pathTemplate, rate);
    const expectedMs = queue.expectedWaitMs(queued.priority, queued.group);
    const turnCame = expectedMs > 0 ? this.recorder.waitingForTurn(call.provider, expectedMs) : () => {};
    try {
      await queue.take(queued, maxWaitMs);
    } catch (error) {
      if (error instanceof TurnTooLateError) throw new QueueFullError(error.waitMs);
      throw error;
    } finally {
      turnCame();
    }
  }

  private queueOf(endpoint: string, rate: RateLimit): TurnQueue {
    let queue = this.queues.get(endpoint);
    if (!queue) {
      queue = new TurnQueue(
        () => rate.nextTurn(endpoint, queueTurnHorizonMs),
        () => {
          const rates = rate.currentRates();
          const slowest = Math.min(rates.get(endpoint) ?? Number.POSITIVE_INFINITY, rates.get('global') ?? Number.POSITIVE_INFINITY);
          return Number.isFinite(slowest) ? spacingMs(slowest) : 0;
        },
      );
      this.queues.set(endpoint, queue);
    }
    return queue;
  }

  /** Holds a call whose turn came while earlier calls left late, so that calls as sent stay as far apart as their turns. */
  private async keepSpacingAsSent(endpoint: string, rate: RateLimit): Promise<void> {
    for (;;) {
      const rates = rate.currentRates();
      const budgets = [endpoint, 'global'].flatMap((budget) => {
        const perSecond = rates.get(budget);
        return perSecond === undefined ? [] : [[budget, perSecond] as const];
      });
      const waitMs = this.sent.delayBeforeSend(budgets, performance.now());
      if (waitMs === 0) return;
      await sleep(waitMs);
    }
  }
}

/** The queue holds one turn at a time: however far out the budget's next turn is, it waits for it. */
const queueTurnHorizonMs = 60_000;

/** A reason as a metric label: a provider's header value is not trusted to be short or tame. */
function boundedReason(reason: string): string {
  return /^[a-z][a-z_-]{0,39}$/.test(reason) ? reason : 'other';
}
