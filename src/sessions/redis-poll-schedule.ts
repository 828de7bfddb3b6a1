import { redisScript, type SharedRedis } from '../redis/shared-redis.js';
import type { SessionAccountOf } from './redis-read-level.js';
import { firstPollIntervalMs, longestPollIntervalMs, pollAfterExpiryMs, type PollClaim, type PollSchedule, type PollScheduleChange } from './poll-schedule.js';

/**
 * `nextPoll` in Redis, on Redis's clock, so that two replicas at the same due time make one
 * poll between them. ARGV: change, expiry (ms since the epoch, 0 when unknown), first and
 * longest interval, the wait after expiry. Answers {won, ms until the next poll}.
 */
const scheduleScript = redisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local change, expiresAt = ARGV[1], tonumber(ARGV[2])
local first, longest, afterExpiry = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local step = tonumber(redis.call('HGET', KEYS[1], 'step') or '-1')
local due = tonumber(redis.call('HGET', KEYS[1], 'due') or '-1')
if step >= 0 and (change == 'join' or (change == 'claim' and now < due)) then return {0, due - now} end
local nextStep = 0
if change == 'claim' then nextStep = step + 1 end
if change == 'postpone' and step >= 0 then nextStep = step end
local nextDue = now + math.min(first * 2 ^ nextStep, longest)
if expiresAt > now and nextDue > expiresAt + afterExpiry then nextDue = expiresAt + afterExpiry end
redis.call('HSET', KEYS[1], 'step', nextStep, 'due', nextDue)
redis.call('PEXPIRE', KEYS[1], nextDue - now + longest)
local won = 0
if change == 'claim' then won = 1 end
return {won, nextDue - now}
`);

/** The poll schedule shared by the fleet, under each session's account. While Redis cannot answer, this replica keeps to the local one. */
export class RedisPollSchedule implements PollSchedule {
  constructor(
    private readonly redis: SharedRedis,
    private readonly accountOf: SessionAccountOf,
    private readonly fallback: PollSchedule,
  ) {}

  /** Redis's schedule expires by itself; the one this replica falls back on is forgotten. */
  forget(sessionId: string): void {
    this.fallback.forget(sessionId);
  }

  async join(sessionId: string, expiresAtMs: number | undefined): Promise<number> {
    return (await this.change('join', sessionId, expiresAtMs)).nextInMs;
  }

  claim(sessionId: string, expiresAtMs: number | undefined): Promise<PollClaim> {
    return this.change('claim', sessionId, expiresAtMs);
  }

  async postpone(sessionId: string, expiresAtMs: number | undefined): Promise<number> {
    return (await this.change('postpone', sessionId, expiresAtMs)).nextInMs;
  }

  async restart(sessionId: string, expiresAtMs: number | undefined): Promise<number> {
    return (await this.change('restart', sessionId, expiresAtMs)).nextInMs;
  }

  private async change(change: PollScheduleChange, sessionId: string, expiresAtMs: number | undefined): Promise<PollClaim> {
    const account = this.accountOf(sessionId);
    if (account === undefined) return this.fallbackChange(change, sessionId, expiresAtMs);
    try {
      const reply = await this.redis.run(
        scheduleScript,
        [this.redis.keysOf(account).pollSchedule(sessionId)],
        [change, expiresAtMs ?? 0, firstPollIntervalMs, longestPollIntervalMs, pollAfterExpiryMs],
      );
      const [won, nextInMs] = reply as [number, number];
      return { won: won === 1, nextInMs: Math.max(0, nextInMs) };
    } catch {
      return this.fallbackChange(change, sessionId, expiresAtMs);
    }
  }

  private async fallbackChange(change: PollScheduleChange, sessionId: string, expiresAtMs: number | undefined): Promise<PollClaim> {
    if (change === 'claim') return this.fallback.claim(sessionId, expiresAtMs);
    return { won: false, nextInMs: await this.fallback[change](sessionId, expiresAtMs) };
  }
}
