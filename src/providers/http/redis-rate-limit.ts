import { setTimeout as sleep } from 'node:timers/promises';
import { redisScript, type SharedRedis } from '../../redis/shared-redis.js';
import { LocalRateLimit } from './local-rate-limit.js';
import {
  rateAdaptation,
  recoveredRate,
  spacingPerCallSecondMs,
  type AccountBudgets,
  type BudgetScope,
  type RateLimit,
  type RateLimitFactory,
  type Turn,
} from './rate-limit.js';

/** Kept this long after a budget's last use, long enough to see a slowdown through to full recovery. */
const keyLifetimeMs = 60_000;

/**
 * How long a replica whose Redis is back keeps to its local share as well as to the shared
 * budgets. The other replicas notice Redis's return at their next reconnection attempt
 * (at most a second apart) and probe (a quarter of a second), and pace on their shares
 * until then, out of Redis's count; what they sent stays in the provider's one-second
 * window for a second more.
 */
const rejoinMs = 2500;

/**
 * A shared turn used later than this after Redis gave it is given up for a new one: calls
 * of the other replicas go on their turns meanwhile, and this one would crowd in among them
 * (a busy event loop reads Redis's answer, or wakes for the turn, late).
 */
const lateTurnToleranceMs = 50;

/**
 * `LocalRateLimit`' turn, with each budget (a hash: `next_at`, `slowed_to`, `slowed_at`)
 * kept in Redis and read on Redis's own clock, so every replica takes its turns from the
 * same budgets. KEYS: the call's budgets; ARGV: longest wait, spacing, recovery per second,
 * lifetime, then each budget's rate. Returns {granted (1/0), wait in ms, then per budget its
 * rate now and the time of its last slowdown} (strings: Redis would truncate Lua numbers).
 */
const reserveTurn = redisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local max_wait, spacing, recovery, lifetime = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local at, rates, slowed = now, {}, {}
for index, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[4 + index])
  local state = redis.call('HMGET', key, 'next_at', 'slowed_to', 'slowed_at')
  local rate = limit
  if state[3] then rate = math.min(limit, tonumber(state[2]) + limit * recovery * (now - tonumber(state[3])) / 1000) end
  rates[index], slowed[index] = rate, state[3] or '0'
  at = math.max(at, tonumber(state[1] or 0))
end
local reply = {at - now > max_wait and 0 or 1, string.format('%.3f', at - now)}
for index, key in ipairs(KEYS) do
  if reply[1] == 1 then
    redis.call('HSET', key, 'next_at', string.format('%.3f', at + spacing / rates[index]))
    redis.call('PEXPIRE', key, lifetime)
  end
  table.insert(reply, string.format('%.3f', rates[index]))
  table.insert(reply, slowed[index])
end
return reply
`);

/**
 * The budget's slowdown: its rate now times the decrease (never under the floor), unless it
 * slowed down within the hold. Turns already given count for nothing: the budget starts over
 * at the new pace. KEYS: the budget; ARGV: its rate, decrease, hold, floor, spacing,
 * recovery, lifetime. Returns {its rate, the time of its last slowdown}.
 */
const slowBudget = redisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local limit, decrease, hold, floor = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local spacing, recovery, lifetime = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local state = redis.call('HMGET', KEYS[1], 'slowed_to', 'slowed_at')
local rate = limit
if state[2] then
  rate = math.min(limit, tonumber(state[1]) + limit * recovery * (now - tonumber(state[2])) / 1000)
  if now - tonumber(state[2]) < hold then return {string.format('%.3f', rate), state[2]} end
end
local slowed_to = math.max(math.min(limit, floor), rate * decrease)
local slowed_at = string.format('%.3f', now)
redis.call('HSET', KEYS[1], 'slowed_to', string.format('%.3f', slowed_to), 'slowed_at', slowed_at,
  'next_at', string.format('%.3f', now + spacing / slowed_to))
redis.call('PEXPIRE', KEYS[1], lifetime)
return {string.format('%.3f', slowed_to), slowed_at}
`);

interface SharedBudget {
  name: string;
  key: string;
  limit: number;
  /** The latest slowdown this replica has seen, on Redis's clock. */
  slowedAt: number;
  /** The rate Redis last answered, and when (on this replica's clock): recovery goes on from there. */
  seenRate: number;
  seenAt: number;
}

/**
 * One provider account's budgets, shared through Redis by every replica: turns, slowdowns
 * and recovery alike. While Redis cannot answer, a local share of them (`fallback`), which
 * follows every turn Redis gave so that those count against it.
 */
export class RedisRateLimit implements RateLimit {
  private readonly global: SharedBudget | undefined;
  private readonly endpoints = new Map<string, SharedBudget>();
  /** When Redis came back after this replica had paced on its own (`now()` time). */
  private rejoinedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly redis: SharedRedis,
    /** The key of each budget: the account's with no endpoint, else the endpoint's. */
    keyOf: (endpoint?: string) => string,
    budgets: Pick<AccountBudgets, 'globalPerSecond' | 'endpointPerSecond'>,
    private readonly fallback: LocalRateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    const budget = (name: string, limit: number, key: string): SharedBudget => ({
      name,
      key,
      limit,
      slowedAt: 0,
      seenRate: limit,
      seenAt: this.now(),
    });
    if (budgets.globalPerSecond) this.global = budget('global', budgets.globalPerSecond, keyOf());
    for (const [endpoint, perSecond] of budgets.endpointPerSecond) {
      if (perSecond > 0) this.endpoints.set(endpoint, budget(endpoint, perSecond, keyOf(endpoint)));
    }
    let wasDegraded = redis.state === 'degraded';
    redis.onStateChange((state) => {
      if (state === 'ok' && wasDegraded) this.rejoinedAt = this.now();
      wasDegraded = state === 'degraded';
    });
  }

  /**
   * The turn Redis gives, waited for however late its answer comes: a reservation is never
   * guessed to have failed while Redis may have counted it, so no call goes at the local
   * pace beside it. Only once the connection is degraded does the local share take over,
   * after the turns Redis gave (`countTurnAt`). Just after Redis is back, a turn waits for
   * one under the local share first.
   */
  async nextTurn(endpoint: string, maxWaitMs: number): Promise<Turn> {
    if (this.redis.state !== 'ok') return this.fallback.nextTurn(endpoint, maxWaitMs);
    if (this.rejoining()) {
      const localTurn = await this.fallback.nextTurn(endpoint, maxWaitMs);
      if (!localTurn.granted) return localTurn;
      await sleep(localTurn.waitMs);
    }
    const turn = await this.sharedTurn(endpoint, maxWaitMs);
    if (!turn) return this.fallback.nextTurn(endpoint, maxWaitMs);
    if (turn.granted) this.fallback.countTurnAt(endpoint, this.now() + turn.waitMs);
    return turn;
  }

  /** The turn under the budgets in Redis; undefined when Redis was lost before it answered. */
  private async sharedTurn(endpoint: string, maxWaitMs: number): Promise<Turn | undefined> {
    const budgets = this.budgetsOf(endpoint);
    const askedAt = performance.now();
    let reply: unknown;
    try {
      reply = await this.redis.run(
        reserveTurn,
        budgets.map((budget) => budget.key),
        [
          Math.floor(maxWaitMs),
          spacingPerCallSecondMs,
          rateAdaptation.recoveryPerSecond,
          keyLifetimeMs,
          ...budgets.map((budget) => budget.limit),
        ],
        { untilDegraded: true },
      );
    } catch {
      return undefined;
    }
    const values = numbers(reply, 2 + budgets.length * 2);
    if (!values) return undefined;
    const [granted, waitMs] = values as [number, number];
    const seenSlowdowns = budgets.map((budget, index) => {
      this.observe(budget, values[2 + index * 2]!, values[3 + index * 2]!);
      return budget.slowedAt;
    });
    return {
      granted: granted === 1,
      waitMs: Math.ceil(waitMs),
      // Redis gave the turn no earlier than it was asked for.
      usableUntil: askedAt + waitMs + lateTurnToleranceMs,
      // Another replica's slowdown is seen on this replica's next turn or slowdown.
      overtaken: () => budgets.some((budget, index) => budget.slowedAt > seenSlowdowns[index]!),
    };
  }

  async slowDown(scope: BudgetScope, endpoint: string): Promise<void> {
    const budget = (scope === 'global' ? this.global : this.endpoints.get(endpoint)) ?? this.global;
    await this.fallback.slowDown(scope, endpoint);
    if (!budget) return;
    let reply: unknown;
    try {
      reply = await this.redis.run(
        slowBudget,
        [budget.key],
        [
          budget.limit,
          rateAdaptation.decrease,
          rateAdaptation.holdMs,
          rateAdaptation.floorPerSecond,
          spacingPerCallSecondMs,
          rateAdaptation.recoveryPerSecond,
          keyLifetimeMs,
        ],
      );
    } catch {
      return;
    }
    const values = numbers(reply, 2);
    if (values) this.observe(budget, values[0]!, values[1]!);
  }

  /** As this replica last heard from Redis, recovering since; the local share while Redis is away or just back. */
  currentRates(): ReadonlyMap<string, number> {
    if (this.redis.state !== 'ok' || this.rejoining()) return this.fallback.currentRates();
    const now = this.now();
    return new Map(
      [...this.endpoints.values(), ...(this.global ? [this.global] : [])].map((budget) => [
        budget.name,
        recoveredRate(budget.limit, budget.seenRate, budget.seenAt, now),
      ]),
    );
  }

  private rejoining(): boolean {
    return this.now() - this.rejoinedAt < rejoinMs;
  }

  private observe(budget: SharedBudget, rate: number, slowedAt: number): void {
    budget.slowedAt = Math.max(budget.slowedAt, slowedAt);
    budget.seenRate = rate;
    budget.seenAt = this.now();
  }

  private budgetsOf(endpoint: string): SharedBudget[] {
    return [this.endpoints.get(endpoint), this.global].filter((budget) => budget !== undefined);
  }
}

/** Redis's reply as `count` numbers, or undefined when it is anything else. */
function numbers(reply: unknown, count: number): number[] | undefined {
  if (!Array.isArray(reply) || reply.length !== count) return undefined;
  const values = reply.map(Number);
  return values.every(Number.isFinite) ? values : undefined;
}

/**
 * Budgets keyed by the account's key space and the budget, shared by every replica on the Redis;
 * while it is unreachable each replica paces at its share of them: the rates divided by the
 * replicas alive when Redis last answered, or by `fallbackReplicas` when that is more (or
 * this replica never reached Redis).
 */
export function redisRateLimit(redis: SharedRedis, fallbackReplicas: number): RateLimitFactory {
  return (budgets) => {
    const share = () => 1 / Math.max(fallbackReplicas, redis.replicasAlive ?? 0);
    const fallback = new LocalRateLimit(budgets, undefined, share);
    const keys = redis.keysOf(budgets.account);
    return new RedisRateLimit(redis, (endpoint) => keys.rateBudget(endpoint), budgets, fallback);
  };
}
