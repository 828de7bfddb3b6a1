import { setTimeout as sleep } from 'node:timers/promises';
import { callPriorities, type CallPriority } from '../../request-tally.js';
import type { Turn } from './rate-limit.js';

/** A call waiting for its turn. */
export interface QueuedCall {
  priority: CallPriority;
  /** Whose share the call counts against (its GraphQL request): turns go round the groups waiting. */
  group: object;
  /** False once nobody waits for the call: it is passed over and told so. */
  wanted(): boolean;
}

/** The queue would not reach the call within its wait: nothing was queued. */
export class TurnTooLateError extends Error {
  constructor(readonly waitMs: number) {
    super('turn too late');
  }
}

/** A call passed over because nobody waits for it any more. */
export class TurnNotWantedError extends Error {
  constructor() {
    super('turn not wanted');
  }
}

interface Waiter extends QueuedCall {
  give(): void;
  refuse(error: Error): void;
}

/**
 * The calls of one budget waiting for a turn, handed the budget's turns one at a time as
 * each comes: the most urgent priority first, and within it round the groups (GraphQL
 * requests) waiting, so one request asking for many sessions cannot starve a request
 * asking for one. A call whose turn, by its place in that order, would come later than it
 * may wait is refused at once with that expected wait.
 */
export class TurnQueue {
  /** Per priority, the groups waiting in the order their turns come round. */
  private readonly waiting = callPriorities.map(() => new Map<object, Waiter[]>());
  private pumping = false;
  /** When the turn the queue holds comes (`performance.now()` time), while it waits for one. */
  private heldTurnAt: number | undefined;
  /** The time between turns as they came while calls waited (other replicas share a budget kept in Redis). */
  private observedSpacingMs = 0;
  /** When the last turn was given. */
  private lastTurnAt = Number.NEGATIVE_INFINITY;

  /** `nextTurn` reserves the budget's next turn; `spacingMs` is the time between turns now. */
  constructor(
    private readonly nextTurn: () => Promise<Turn>,
    private readonly spacingMs: () => number,
  ) {}

  /** How long a call of this priority and group arriving now would wait for its turn. */
  expectedWaitMs(priority: CallPriority, group: object): number {
    const rank = callPriorities.indexOf(priority);
    let ahead = 0;
    for (let index = 0; index < rank; index += 1) for (const calls of this.waiting[index]!.values()) ahead += calls.length;
    const level = this.waiting[rank]!;
    const place = (level.get(group)?.length ?? 0) + 1;
    for (const [other, calls] of level) if (other !== group) ahead += Math.min(calls.length, place);
    ahead += place - 1;
    const spacing = this.currentSpacingMs();
    const now = performance.now();
    // The turn the queue holds, or else the budget's next one, goes to the first call in the order.
    const firstTurnAt = this.heldTurnAt ?? this.lastTurnAt + spacing;
    return Math.max(0, firstTurnAt - now) + ahead * spacing;
  }

  /** Resolves when the call's turn has come; rejects with `TurnTooLateError` or `TurnNotWantedError`. */
  take(call: QueuedCall, maxWaitMs: number): Promise<void> {
    const expected = this.expectedWaitMs(call.priority, call.group);
    if (expected > maxWaitMs) return Promise.reject(new TurnTooLateError(expected));
    return new Promise<void>((give, refuse) => {
      const level = this.waiting[callPriorities.indexOf(call.priority)]!;
      const calls = level.get(call.group) ?? [];
      // Past its wait (a slowdown, or other replicas taking turns) the call leaves the queue, refused.
      // A call that may not wait at all takes the turn being taken now.
      const timer =
        maxWaitMs > 0
          ? setTimeout(() => {
              if (this.remove(waiter)) refuse(new TurnTooLateError(this.expectedWaitMs(call.priority, call.group)));
            }, maxWaitMs)
          : undefined;
      const waiter: Waiter = {
        ...call,
        give: () => {
          clearTimeout(timer);
          give();
        },
        refuse: (error) => {
          clearTimeout(timer);
          refuse(error);
        },
      };
      calls.push(waiter);
      level.set(call.group, calls);
      if (!this.pumping) void this.pump();
    });
  }

  /**
   * Refuses at once, each with its expected wait, the calls whose turn by their place in
   * the order would come after `deadlineAt` (`performance.now()` time): a drain's end.
   */
  refuseTurnsAfter(deadlineAt: number): void {
    const spacing = this.currentSpacingMs();
    const now = performance.now();
    let turnAt = Math.max(now, this.heldTurnAt ?? this.lastTurnAt + spacing);
    for (const level of this.waiting) {
      // The order `next` gives turns in: round the groups, one call of each per round.
      const groups = [...level.values()].map((calls) => [...calls]);
      for (let round = 0; groups.some((calls) => calls.length > round); round += 1) {
        for (const calls of groups) {
          const call = calls[round];
          if (!call) continue;
          if (turnAt > deadlineAt && this.remove(call)) call.refuse(new TurnTooLateError(turnAt - now));
          turnAt += spacing;
        }
      }
    }
  }

  private currentSpacingMs(): number {
    return Math.max(this.spacingMs(), this.observedSpacingMs);
  }

  private remove(waiter: Waiter): boolean {
    const level = this.waiting[callPriorities.indexOf(waiter.priority)]!;
    const calls = level.get(waiter.group);
    const index = calls?.indexOf(waiter) ?? -1;
    if (!calls || index < 0) return false;
    calls.splice(index, 1);
    if (calls.length === 0) level.delete(waiter.group);
    return true;
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    let tookTurn = false;
    try {
      while (this.hasWaiters()) {
        const turn = await this.nextTurn();
        if (!turn.granted) {
          await sleep(Math.max(1, turn.waitMs));
          continue;
        }
        this.heldTurnAt = performance.now() + turn.waitMs;
        if (turn.waitMs > 0) await sleep(turn.waitMs);
        this.heldTurnAt = undefined;
        if (turn.overtaken()) continue;
        if (turn.usableUntil !== undefined && performance.now() > turn.usableUntil) continue;
        const now = performance.now();
        // Only the gaps between turns taken back to back say how fast the budget goes.
        if (tookTurn) this.observedSpacingMs = 0.8 * this.observedSpacingMs + 0.2 * (now - this.lastTurnAt);
        tookTurn = true;
        this.lastTurnAt = now;
        this.next()?.give();
      }
    } finally {
      this.pumping = false;
      this.heldTurnAt = undefined;
    }
  }

  /** The call whose turn it is; calls nobody waits for any more are refused on the way. */
  private next(): Waiter | undefined {
    for (const level of this.waiting) {
      for (const [group, calls] of level) {
        level.delete(group);
        let call: Waiter | undefined;
        while ((call = calls.shift())) {
          if (call.wanted()) break;
          call.refuse(new TurnNotWantedError());
        }
        // The group goes to the back of the round with what it still waits for.
        if (calls.length > 0) level.set(group, calls);
        if (call) return call;
      }
    }
    return undefined;
  }

  private hasWaiters(): boolean {
    return this.waiting.some((level) => level.size > 0);
  }
}
