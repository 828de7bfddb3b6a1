/**
 * When a subscribed session is polled, shared by every replica watching it: the first poll
 * 2 s after the first subscriber's first read, then 4, 8, 16 … at most 60 s apart, and never later
 * than just after the session's expiry. Whoever claims a due poll makes it; the others
 * learn when the next one is due.
 */
export interface PollSchedule {
  /** A session newly watched here: ms until its next poll (an existing schedule is kept). */
  join(sessionId: string, expiresAtMs: number | undefined): Promise<number>;
  /** At a due time: whether this replica makes the poll, and ms until the next one is due. */
  claim(sessionId: string, expiresAtMs: number | undefined): Promise<PollClaim>;
  /** A webhook's refetch just read the session: the next poll comes one interval from now. */
  postpone(sessionId: string, expiresAtMs: number | undefined): Promise<number>;
  /** A read failed: the next poll comes at the first interval again. */
  restart(sessionId: string, expiresAtMs: number | undefined): Promise<number>;
  /** Nobody on this replica watches the session any more: what this replica keeps of its schedule goes. */
  forget(sessionId: string): void;
}

export interface PollClaim {
  won: boolean;
  nextInMs: number;
}

export type PollScheduleChange = 'join' | 'claim' | 'postpone' | 'restart';

export const firstPollIntervalMs = 2_000;
export const longestPollIntervalMs = 60_000;
/** The poll that sees a session expire comes this long after its expiry. */
export const pollAfterExpiryMs = 1_000;

/** The gap after the `step`-th poll: 2 s, 4 s, 8 s … 60 s. */
export function pollIntervalMs(step: number): number {
  return Math.min(firstPollIntervalMs * 2 ** step, longestPollIntervalMs);
}

interface ScheduleEntry {
  step: number;
  dueAtMs: number;
}

/** The schedule of one process, for a subgraph without Redis. */
export class LocalPollSchedule implements PollSchedule {
  private readonly entries = new Map<string, ScheduleEntry>();

  constructor(private readonly clock: { now(): number } = Date) {}

  join(sessionId: string, expiresAtMs: number | undefined): Promise<number> {
    return Promise.resolve(this.change('join', sessionId, expiresAtMs).nextInMs);
  }

  claim(sessionId: string, expiresAtMs: number | undefined): Promise<PollClaim> {
    return Promise.resolve(this.change('claim', sessionId, expiresAtMs));
  }

  postpone(sessionId: string, expiresAtMs: number | undefined): Promise<number> {
    return Promise.resolve(this.change('postpone', sessionId, expiresAtMs).nextInMs);
  }

  restart(sessionId: string, expiresAtMs: number | undefined): Promise<number> {
    return Promise.resolve(this.change('restart', sessionId, expiresAtMs).nextInMs);
  }

  forget(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  /** Sessions it keeps a schedule for. */
  get size(): number {
    return this.entries.size;
  }

  private change(change: PollScheduleChange, sessionId: string, expiresAtMs: number | undefined): PollClaim {
    const now = this.clock.now();
    const entry = this.entries.get(sessionId);
    const next = nextPoll(change, entry, now, expiresAtMs);
    if (next.entry) this.entries.set(sessionId, next.entry);
    return next.claim;
  }
}

/** The schedule's one rule, as the Redis script applies it too. */
export function nextPoll(
  change: PollScheduleChange,
  entry: ScheduleEntry | undefined,
  now: number,
  expiresAtMs: number | undefined,
): { claim: PollClaim; entry?: ScheduleEntry } {
  if (entry && (change === 'join' || (change === 'claim' && now < entry.dueAtMs))) {
    return { claim: { won: false, nextInMs: entry.dueAtMs - now } };
  }
  let step = 0;
  if (change === 'claim') step = entry ? entry.step + 1 : 0;
  if (change === 'postpone') step = entry?.step ?? 0;
  let dueAtMs = now + pollIntervalMs(step);
  if (expiresAtMs !== undefined && expiresAtMs > now) dueAtMs = Math.min(dueAtMs, expiresAtMs + pollAfterExpiryMs);
  return { claim: { won: change === 'claim', nextInMs: dueAtMs - now }, entry: { step, dueAtMs } };
}
