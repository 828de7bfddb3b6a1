import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
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
  /** Where each change of state is logged. */
  logger: Logger;
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
   * than their cost, such as evictions). With `untilDegraded` there is no deadline: it
   * takes the answer however late, and rejects only once the connection is degraded, for
   * an operation whose effect in Redis must not be guessed at, such as reserving a turn
   * under a shared budget.
   */
  run(script: RedisScript, keys: string[], args: Array<string | number>, options?: RunOptions): Promise<unknown>;
  /**
   * How many replicas were heard from lately (each replica's heartbeat, kept in Redis), as
   * last seen while Redis answered; undefined while this replica has never reached it.
   */
  readonly replicasAlive: number | undefined;
  /**
   * Delivers messages on `channel` (one of `keysOf(...)`). `onGap` is called when
   * the subscription was lost and is back: messages sent meanwhile were missed.
   */
  subscribe(channel: string, onMessage: (message: string) => void, onGap: () => void): void;
  /** Called on every change of state, after it is logged. */
  onStateChange(listener: (state: RedisState) => void): void;
  close(): Promise<void>;
}

export interface RunOptions {
  evenIfDegraded?: boolean;
  untilDegraded?: boolean;
}

class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

const defaults = { probeIntervalMs: 250, startupWaitMs: 1000 };
/**
 * Failed operations in a row that make the connection degraded. An operation fails with an
 * error, or when no answer came within `lostAfterMs` (ten deadlines, at least half a
 * second): an answer later than its deadline on a saturated host (the event loop, not
 * Redis, being slow) never switches sharing off, since replicas that stop sharing while
 * the others still share would together exceed the budgets.
 */
const failuresBeforeDegraded = 3;
/** Each replica's heartbeat goes this often; a replica not heard from for `heartbeatLifetimeMs` is gone. */
const heartbeatIntervalMs = 1000;
const heartbeatLifetimeMs = 3500;

/**
 * The replicas' heartbeats: a sorted set of replica ids by when (on Redis's clock) each was
 * last heard from. KEYS: the set; ARGV: this replica's id, lifetime. Returns how many are alive.
 */
const heartbeatScript = redisScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lifetime = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - lifetime)
redis.call('PEXPIRE', KEYS[1], lifetime)
return redis.call('ZCARD', KEYS[1])
`);

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
  private readonly heartbeat: NodeJS.Timeout;
  private readonly timeoutMs: number;
  private readonly lostAfterMs: number;
  private readonly logger: Logger;
  private readonly replicaId = randomUUID();
  replicasAlive: number | undefined;
  /** When the connection last turned `ok`: until every replica has beaten again, the count may only grow. */
  private countingSince = Number.NEGATIVE_INFINITY;
  /** Told when the connection turns degraded: operations still waiting for a late answer give up. */
  private readonly degradedWaiters = new Set<() => void>();
  private probing = false;
  private closed = false;
  private failuresInARow = 0;
  /** Resolves `firstConnection()` on the first change of state. */
  private settledFirst: (() => void) | undefined;

  constructor(options: SharedRedisOptions) {
    this.logger = options.logger;
    this.keyPrefix = options.keyPrefix;
    this.timeoutMs = options.timeoutMs;
    this.lostAfterMs = Math.max(10 * options.timeoutMs, 500);
    this.host = new URL(options.url).hostname;
    // Deadlines are kept here (`withDeadline`), not by ioredis, so that an answer that comes late is still read.
    this.client = new Redis(options.url, {
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
    this.heartbeat = setInterval(() => void this.beat(), heartbeatIntervalMs);
    this.heartbeat.unref();
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

  async run(script: RedisScript, keys: string[], args: Array<string | number>, options: RunOptions = {}): Promise<unknown> {
    if (this.state !== 'ok' && !options.evenIfDegraded) throw new RedisUnavailableError(`Redis is ${this.state}`);
    const answer = this.evaluate(script, keys, args);
    this.countOutcome(answer);
    return options.untilDegraded ? this.untilDegraded(answer) : this.withDeadline(answer);
  }

  subscribe(channel: string, onMessage: (message: string) => void, onGap: () => void): void {
    // The subscription waits for a connection however long it takes, and ioredis renews it after every reconnect.
    const subscriber = (this.subscriber ??= this.client.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
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
    clearInterval(this.heartbeat);
    await Promise.all([this.client, this.subscriber].filter((client) => client !== undefined).map(quit));
  }

  /**
   * An error, or no answer within `lostAfterMs`, is a failure; any answer, even one past its
   * caller's deadline, is not: Redis is there, and the host (more often than Redis) was slow.
   */
  private countOutcome(answer: Promise<unknown>): void {
    let settled = false;
    const lost = afterPendingInput(this.lostAfterMs, () => {
      if (!settled) this.failed(new RedisUnavailableError(`no answer within ${this.lostAfterMs} ms`));
    });
    answer.then(
      () => {
        settled = true;
        clearTimeout(lost);
        this.failuresInARow = 0;
      },
      (error: unknown) => {
        settled = true;
        clearTimeout(lost);
        this.failed(error);
      },
    );
  }

  private failed(error: unknown): void {
    this.failuresInARow += 1;
    if (this.failuresInARow >= failuresBeforeDegraded) this.degrade(error);
  }

  /** The answer, or a rejection once the deadline passed; the answer itself may still come, and is counted. */
  private withDeadline<T>(answer: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = afterPendingInput(this.timeoutMs, () => reject(new RedisUnavailableError(`no answer within ${this.timeoutMs} ms`)));
    });
    return Promise.race([answer, deadline]).finally(() => clearTimeout(timer));
  }

  /** The answer whenever it comes, or a rejection once the connection is degraded. */
  private untilDegraded<T>(answer: Promise<T>): Promise<T> {
    if (this.state === 'degraded') return Promise.reject(new RedisUnavailableError('Redis is degraded'));
    return new Promise<T>((resolve, reject) => {
      const giveUp = () => reject(new RedisUnavailableError('Redis is degraded'));
      this.degradedWaiters.add(giveUp);
      answer.then(resolve, reject).finally(() => this.degradedWaiters.delete(giveUp));
    });
  }

  /** This replica's heartbeat, answered with how many replicas are alive. */
  private async beat(): Promise<void> {
    if (this.state !== 'ok') return;
    try {
      const alive = Number(await this.run(heartbeatScript, [`${this.keyPrefix}v2:replicas`], [this.replicaId, heartbeatLifetimeMs]));
      if (!Number.isInteger(alive) || alive < 1) return;
      // A Redis that was restarted, or replicas that reconnect one by one, show too few at first.
      const settling = performance.now() - this.countingSince < heartbeatLifetimeMs;
      this.replicasAlive = settling ? Math.max(this.replicasAlive ?? 0, alive) : alive;
    } catch {
      // The next beat tries again; the count last seen stands meanwhile.
    }
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
      await this.withDeadline(this.client.ping());
      this.failuresInARow = 0;
      if (this.state !== 'ok') this.countingSince = performance.now();
      this.change('ok');
      void this.beat();
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
      this.logger.warn({ reason }, previous === 'connecting' ? this.startupProblem(reason) : 'Redis unavailable: serving from this process cache and pacing provider calls locally until it is back');
    } else {
      this.logger.info(previous === 'connecting' ? 'Redis connected: cache, evictions and rate budget shared' : 'Redis is back: cache, evictions and rate budget shared again');
    }
    this.settledFirst?.();
    this.settledFirst = undefined;
    if (state === 'degraded') for (const giveUp of [...this.degradedWaiters]) giveUp();
    for (const listener of this.listeners) listener(state);
  }
}

/**
 * Runs `then` once `ms` have passed and the input already received meanwhile has been read:
 * on a busy event loop, a timer falls due before the answer sitting in the socket is read,
 * and that answer was not late.
 */
function afterPendingInput(ms: number, then: () => void): NodeJS.Timeout {
  return setTimeout(() => setImmediate(then), ms);
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
