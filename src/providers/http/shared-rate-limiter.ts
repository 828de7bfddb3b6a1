import { redisScript, type SharedRedis } from '../../redis/shared-redis.js';
import { cellRateSpacing, type RateLimit, type RateLimitFactory, type Turn } from './rate-limit.js';
import { RateLimiter } from './rate-limiter.js';

/**
 * The cell rate algorithm of `RateLimiter`, with its one number (the theoretical arrival
 * time of the next call) kept in Redis and read on Redis's own clock, so every replica
 * reserves its turns from one budget. Returns {granted (1/0), wait in ms}.
 */
const reserveTurn = redisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local interval, tolerance, max_wait = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local arrival = math.max(tonumber(redis.call('GET', KEYS[1]) or 0), now)
local wait = math.max(0, arrival - tolerance - now)
if wait > max_wait then return {0, math.ceil(wait)} end
local next_arrival = arrival + interval
redis.call('SET', KEYS[1], string.format('%.3f', next_arrival), 'PX', math.ceil(next_arrival - now) + 1000)
return {1, math.ceil(wait)}
`);

/** One provider account's budget, shared through Redis; while Redis cannot answer, a local share of it. */
export class SharedRateLimiter implements RateLimit {
  private readonly intervalMs: number;
  private readonly burstToleranceMs: number;

  constructor(
    private readonly redis: SharedRedis,
    private readonly key: string,
    perSecond: number,
    private readonly fallback: RateLimit,
  ) {
    ({ intervalMs: this.intervalMs, burstToleranceMs: this.burstToleranceMs } = cellRateSpacing(perSecond));
  }

  async nextTurn(maxWaitMs: number): Promise<Turn> {
    let reply: unknown;
    try {
      reply = await this.redis.run(reserveTurn, [this.key], [this.intervalMs, this.burstToleranceMs, Math.floor(maxWaitMs)]);
    } catch {
      return this.fallback.nextTurn(maxWaitMs);
    }
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
      return this.fallback.nextTurn(maxWaitMs);
    }
    return { granted: reply[0] === 1, waitMs: reply[1] };
  }
}

/**
 * Budgets keyed by provider and account, shared by every replica on the Redis; while it is
 * unreachable each replica paces at the rate divided by `fallbackReplicas`.
 */
export function sharedRateLimits(redis: SharedRedis, fallbackReplicas: number): RateLimitFactory {
  return ({ account, perSecond }) =>
    new SharedRateLimiter(
      redis,
      redis.keysOf(account).rateBudget(),
      perSecond,
      new RateLimiter(perSecond / fallbackReplicas),
    );
}
