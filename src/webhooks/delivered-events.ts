import { LRUCache } from 'lru-cache';
import { redisScript, type SharedRedis } from '../redis/shared-redis.js';

const seenScript = redisScript(`return redis.call('EXISTS', KEYS[1])`);
const rememberScript = redisScript(`redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) return 1`);

/** Events remembered by one process at most; past it the oldest go first (Redis keeps the fleet's). */
const maxRememberedInProcess = 100_000;

export interface DeliveredEventsOptions {
  /** How long an event is remembered: as long as a delivery of it can still pass the timestamp check. */
  memoryMs: number;
  /** Fleet mode: events are remembered in Redis, under the provider's account, for every replica. */
  redis?: SharedRedis;
  /** The account of a provider, by its key; undefined when it has no key here. */
  accountOf?: (providerKey: string) => string | undefined;
}

/**
 * The webhook events this deployment handled recently, so a replayed delivery (the same
 * event within the timestamp window) evicts nothing and costs no provider call. An event
 * is remembered only once its eviction succeeded, so a provider's retry after an error
 * answer is handled. Remembered in this process and, in fleet mode, in Redis for every
 * replica; while Redis cannot answer, only this process remembers.
 */
export class DeliveredEvents {
  private readonly local: LRUCache<string, true>;

  constructor(private readonly options: DeliveredEventsOptions) {
    this.local = new LRUCache<string, true>({ max: maxRememberedInProcess, ttl: options.memoryMs });
  }

  async seen(providerKey: string, eventKey: string): Promise<boolean> {
    if (this.local.has(`${providerKey} ${eventKey}`)) return true;
    const key = this.redisKey(providerKey, eventKey);
    if (!this.options.redis || key === undefined) return false;
    try {
      return (await this.options.redis.run(seenScript, [key], [])) === 1;
    } catch {
      return false;
    }
  }

  async remember(providerKey: string, eventKey: string): Promise<void> {
    this.local.set(`${providerKey} ${eventKey}`, true);
    const key = this.redisKey(providerKey, eventKey);
    if (!this.options.redis || key === undefined) return;
    await this.options.redis.run(rememberScript, [key], [this.options.memoryMs]).catch(() => undefined);
  }

  private redisKey(providerKey: string, eventKey: string): string | undefined {
    const account = this.options.accountOf?.(providerKey);
    return account === undefined ? undefined : this.options.redis?.keysOf(account).deliveredEvent(eventKey);
  }
}
