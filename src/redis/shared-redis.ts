import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { logger } from '../logger.js';
import { AccountKeySpace } from './account-key-space.js';

/** `ok`: shared state is in use. `degraded`: Redis is slow, down or refusing; each replica is on its own meanwhile. */
export type RedisState = 'connecting' | 'ok' | 'degraded';

/** A Lua script run atomically in Redis, sent by its SHA-1 once Redis has it. */
export interface RedisScript {
  lua: string;
  sha1: string;
}

export function redisScript(lua: string): RedisScript {
  return { lua, sha1: createHash('sha1').update(lua).digest('hex') };
}

export interface SharedRedisOptions {
  url: string;
  keyPrefix: string;
  /** Deadline of every operation. */
  timeoutMs: number;
  /** How often a degraded connection is probed. */
  probeIntervalMs?: number;
  /** Longest wait at start-up for the first connection; the subgraph starts degraded after it. */
  startupWaitMs?: number;
}

/**
 * The one Redis connection of a replica (plus its subscriber connection), given to the
 * shared cache level, the eviction bus and the shared rate budget. Every operation has a
 * deadline, and a caller whose operation fails carries on without Redis. A lost connection,
 * or a few failures in a row, turn the state to `degraded`: operations then fail at once
 * without touching the network while a probe checks every `probeIntervalMs` whether Redis
 * is back. ioredis reconnects by itself. No caller ever waits on a dead Redis.
 */
export interface SharedRedis {
  readonly state: RedisState;
  /** The keys and channels of one provider account (`providerAccount`), under `REDIS_KEY_PREFIX`. */
  keysOf(account: string): AccountKeySpace;
  /**
   * Runs the script atomically; rejects within the deadline when Redis cannot answer, and
   * at once while degraded unless `evenIfDegraded` (for rare operations that matter more
   * than their cost, such as evictions).
   */
  run(script: RedisScript, keys: string[], args: Array<string | number>, options?: { evenIfDegraded?: boolean }): Promise<unknown>;
  /**
   * Delivers messages on `channel` (one of `keysOf(...)`). `onGap` is called when
   * the subscription was lost and is back: messages sent meanwhile were missed.
   */
  subscribe(channel: string, onMessage: (message: string) => void, onGap: () => void): void;
  /** Called on every change of state, after it is logged. */
  onStateChange(listener: (state: RedisState) => void): void;
  close(): Promise<void>;
}

class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

const defaults = { probeIntervalMs: 250, startupWaitMs: 1000 };
/**
 * Failed operations in a row that make the connection degraded. One late answer on a
 * saturated host (the event loop, not Redis, being slow) does not switch sharing off;
 * a Redis that stops answering costs at most this many deadlines before it is skipped.
 */
const failuresBeforeDegraded = 3;

export async function connectSharedRedis(options: SharedRedisOptions): Promise<SharedRedis> {
  const redis = new FleetRedis(options);
  await redis.firstConnection(options.startupWaitMs ?? defaults.startupWaitMs);
  return redis;
}

class FleetRedis implements SharedRedis {
  state: RedisState = 'connecting';
  private readonly keyPrefix: string;
  /** REDIS_URL's host, for the log lines; the URL itself may carry a password. */
  private readonly host: string;
  private readonly client: Redis;
  private subscriber: Redis | undefined;
  private readonly listeners: Array<(state: RedisState) => void> = [];
  private readonly probe: NodeJS.Timeout;
  private probing = false;
  private closed = false;
  private failuresInARow = 0;
  /** Resolves `firstConnection()` on the first change of state. */
  private settledFirst: (() => void) | undefined;

  constructor(options: SharedRedisOptions) {
    this.keyPrefix = options.keyPrefix;
    this.host = new URL(options.url).hostname;
    this.client = new Redis(options.url, {
      commandTimeout: options.timeoutMs,
      connectTimeout: Math.max(options.timeoutMs, 1000),
      // A command is never parked until Redis comes back: it fails now, and the caller carries on without it.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
      lazyConnect: false,
    });
    this.client.on('error', (error: Error) => this.degrade(error));
    this.client.on('close', () => this.degrade(new RedisUnavailableError('connection closed')));
    this.client.on('ready', () => void this.check());
    this.probe = setInterval(() => {
      if (this.state !== 'ok') void this.check();
    }, options.probeIntervalMs ?? defaults.probeIntervalMs);
    this.probe.unref();
  }

  keysOf(account: string): AccountKeySpace {
    return new AccountKeySpace(this.keyPrefix, account);
  }

  async firstConnection(waitMs: number): Promise<void> {
    if (this.state !== 'connecting') return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.settledFirst = resolve;
      timer = setTimeout(() => this.degrade(new RedisUnavailableError('no connection at start-up')), waitMs);
    });
    clearTimeout(timer);
  }

  async run(
    script: RedisScript,
    keys: string[],
    args: Array<string | number>,
    options: { evenIfDegraded?: boolean } = {},
  ): Promise<unknown> {
    if (this.state !== 'ok' && !options.evenIfDegraded) throw new RedisUnavailableError(`Redis is ${this.state}`);
    try {
      const result = await this.evaluate(script, keys, args);
      this.failuresInARow = 0;
      return result;
    } catch (error) {
      this.failuresInARow += 1;
      if (this.failuresInARow >= failuresBeforeDegraded) this.degrade(error);
      throw error;
    }
  }

  subscribe(channel: string, onMessage: (message: string) => void, onGap: () => void): void {
    // The subscription waits for a connection however long it takes, and ioredis renews it after every reconnect.
    const subscriber = (this.subscriber ??= this.client.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      commandTimeout: undefined,
    }));
    let lost = false;
    subscriber.on('error', () => undefined);
    subscriber.on('close', () => {
      lost = true;
    });
    subscriber.on('ready', () => {
      if (lost) onGap();
      lost = false;
    });
    subscriber.on('message', (from: string, message: string) => {
      if (from === channel) onMessage(message);
    });
    subscriber.subscribe(channel).catch(() => undefined);
  }

  onStateChange(listener: (state: RedisState) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.probe);
    await Promise.all([this.client, this.subscriber].filter((client) => client !== undefined).map(quit));
  }

  private async evaluate(script: RedisScript, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await this.client.evalsha(script.sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return this.client.eval(script.lua, keys.length, ...keys, ...args);
    }
  }

  /** A host that does not resolve is a configuration mistake more often than an outage: say which. */
  private startupProblem(reason: string | undefined): string {
    const carryOn = 'serving from this process cache and pacing provider calls locally until it answers';
    if (reason === 'ENOTFOUND' || reason === 'EAI_AGAIN') return `REDIS_URL names the host ${this.host}, which does not resolve: ${carryOn}`;
    return `Redis unreachable at start-up: ${carryOn}`;
  }

  /** Pings with the deadline; an answer means shared state is usable again. */
  private async check(): Promise<void> {
    if (this.probing || this.closed || this.client.status !== 'ready') return;
    this.probing = true;
    try {
      await this.client.ping();
      this.failuresInARow = 0;
      this.change('ok');
    } catch (error) {
      this.degrade(error);
    } finally {
      this.probing = false;
    }
  }

  private degrade(error: unknown): void {
    if (this.closed || this.state === 'degraded') return;
    const { code, message } = error as { code?: unknown; message?: unknown };
    this.change('degraded', String(code ?? message ?? 'unknown'));
  }

  private change(state: RedisState, reason?: string): void {
    if (this.state === state) return;
    const previous = this.state;
    this.state = state;
    if (state === 'degraded') {
      logger.warn({ reason }, previous === 'connecting' ? this.startupProblem(reason) : 'Redis unavailable: serving from this process cache and pacing provider calls locally until it is back');
    } else {
      logger.info(previous === 'connecting' ? 'Redis connected: cache, evictions and rate budget shared' : 'Redis is back: cache, evictions and rate budget shared again');
    }
    this.settledFirst?.();
    this.settledFirst = undefined;
    for (const listener of this.listeners) listener(state);
  }
}

async function quit(client: Redis): Promise<void> {
  try {
    if (client.status === 'ready') {
      await Promise.race([client.quit(), once(client, 'end')]);
      return;
    }
  } catch {
    // Closing anyway below.
  }
  client.disconnect();
}
