import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LogOnce } from '../logger.js';
import type { AccountKeySpace } from '../redis/account-key-space.js';
import { redisScript, type SharedRedis } from '../redis/shared-redis.js';
import type { KeptRead, SharedLook, SharedReadLevel } from './provider-read-cache.js';
import { readKinds, type ReadKind } from './read-outcome.js';
import { decodeOutcome, encodeOutcome } from './shared-read-codec.js';

/** The refresh lease's value while a fresh answer holds it; a replica's token never equals it. */
const freshAnswerHolds = 'fresh';

/**
 * The value, its remaining time to live in ms, the session's eviction generation, 1 when the
 * refresh lease was taken for this look's token (nobody was fetching the read and no fresh
 * answer held it) or else 0, and who holds the lease then. KEYS: value, generation, lease;
 * ARGV: token, lease lifetime.
 */
const lookScript = redisScript(`
local leased = redis.call('SET', KEYS[3], ARGV[1], 'NX', 'PX', ARGV[2])
local holder = leased and ARGV[1] or redis.call('GET', KEYS[3])
return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1]), redis.call('GET', KEYS[2]) or '0', leased and 1 or 0, holder}
`);

/**
 * Keeps the value only if the session was not evicted since its generation was read: the
 * answer may predate the change. A kept answer holds the refresh lease for its age; a
 * refused one gives up the keeper's lease. KEYS: value, generation, lease; ARGV: generation,
 * value, its lifetime, its age, the keeper's lease token ('' for none).
 */
const keepScript = redisScript(`
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then
  if ARGV[5] ~= '' and redis.call('GET', KEYS[3]) == ARGV[5] then redis.call('DEL', KEYS[3]) end
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('SET', KEYS[3], '${freshAnswerHolds}', 'PX', ARGV[4])
return 1
`);

/** Gives up the lease if this token still holds it. KEYS: lease; ARGV: token. */
const releaseScript = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** Drops every kind kept for the session and their refresh leases, moves its generation on, and tells every replica. */
const evictScript = redisScript(`
redis.call('DEL', unpack(KEYS, 2))
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
`);

/** Outlives any provider call under way when an eviction happens, queueing included. */
const generationLifetimeMs = 24 * 60 * 60 * 1000;
/** Evictions remembered while Redis is unreachable, sent once it is back. */
const maxPendingEvictions = 10_000;

const evictionMessage = z.object({ sessionId: z.string(), from: z.string() });

/** Which provider account a session id belongs to (`providerAccount`); undefined for an id of no configured provider. */
export type SessionAccountOf = (sessionId: string) => string | undefined;

/**
 * The second cache level and the eviction bus on Redis: what one replica read, the others
 * find there; a webhook received by one replica evicts in Redis and, through a pub/sub
 * channel, in every replica's first level. Everything is kept under the session's
 * provider account, so deployments of other accounts on the same Redis never see it.
 * Every operation is bounded by Redis's deadline and never fails a read: when Redis
 * cannot answer, the level is simply skipped.
 *
 * A read that is not fresh in Redis is refreshed by one replica for all: each look tries to
 * take the read's refresh lease (`refresh:<kind>:<id>`), held for `refreshLeaseMs` by the
 * replica that took it, and by its answer, once kept, for the answer's age. A replica whose
 * look finds the lease held waits for that answer rather than fetching the read too.
 */
export class RedisReadLevel implements SharedReadLevel {
  private readonly replicaId = randomUUID();
  private readonly pendingEvictions = new Set<string>();
  private readonly unreadable: LogOnce;
  /** Numbers this replica's lease tokens, so that each look's token is its own. */
  private leasesTried = 0;

  /**
   * `accounts`: every configured provider's account, whose eviction channels this replica
   * listens to; `logger`: where a missed eviction and a value it cannot read are logged.
   * `refreshLeaseMs`: longest a replica holds a read's refresh lease, and so longest the
   * others wait for its answer (should it crash) before one fetches instead.
   */
  constructor(
    private readonly redis: SharedRedis,
    private readonly accountOf: SessionAccountOf,
    private readonly accounts: readonly string[],
    private readonly logger: Logger,
    readonly refreshLeaseMs: number,
  ) {
    this.unreadable = new LogOnce(logger);
    redis.onStateChange((state) => {
      if (state === 'ok') void this.sendPendingEvictions();
    });
  }

  listen(handlers: { evicted(sessionId: string): void; missedEvictions(): void }): void {
    for (const account of this.accounts) {
      this.redis.subscribe(
        this.redis.keysOf(account).evictions,
        (message) => {
          const parsed = safeJson(message, evictionMessage);
          if (parsed && parsed.from !== this.replicaId) handlers.evicted(parsed.sessionId);
        },
        () => {
          this.logger.info('eviction channel back after an interruption: emptying this process cache, whose evictions may have been missed');
          handlers.missedEvictions();
        },
      );
    }
  }

  async look(kind: ReadKind, sessionId: string): Promise<SharedLook | undefined> {
    const keys = this.keysFor(sessionId);
    if (!keys) return undefined;
    const leaseKey = keys.refreshLease(kind, sessionId);
    const token = `${this.replicaId}:${(this.leasesTried += 1)}`;
    let reply: unknown;
    try {
      reply = await this.redis.run(lookScript, [keys.read(kind, sessionId), keys.generation(sessionId), leaseKey], [token, this.refreshLeaseMs]);
    } catch {
      // The look may still be run, late: its lease, if it took one, must not keep the other replicas waiting.
      void this.giveUp(leaseKey, token);
      return undefined;
    }
    if (!Array.isArray(reply)) return undefined;
    const [text, ttlMs, generation, leased, holder] = reply as [unknown, unknown, unknown, unknown, unknown];
    if (typeof generation !== 'string') return undefined;
    const lease = leased === 1 ? token : undefined;
    const fetchedElsewhere = lease === undefined && typeof holder === 'string' && holder !== freshAnswerHolds;
    if (typeof text === 'string' && typeof ttlMs === 'number' && ttlMs > 0) {
      const decoded = decodeOutcome(kind, sessionId, text);
      if (decoded) {
        const { staleMs, ...kept } = decoded;
        return { kept: { ...kept, ttlMs: ttlMs - staleMs, copyForMs: ttlMs }, generation, lease, fetchedElsewhere };
      }
      this.unreadable.warn(`redis-unreadable:${kind}`, { kind, sessionId }, 'a value in Redis did not parse: dropped and fetched again');
    }
    return { kept: undefined, generation, lease, fetchedElsewhere };
  }

  async keep(kind: ReadKind, sessionId: string, kept: KeptRead, ttlMs: number, generation: string, staleMs = 0, lease?: string): Promise<void> {
    const keys = this.keysFor(sessionId);
    if (!keys) return;
    const keptStaleMs = kept.outcome.ok ? Math.ceil(staleMs) : 0;
    const text = encodeOutcome(kept, keptStaleMs);
    if (text === undefined || ttlMs <= 0) {
      if (lease) await this.releaseLease(kind, sessionId, lease);
      return;
    }
    const ageMs = Math.ceil(ttlMs);
    await this.redis
      .run(
        keepScript,
        [keys.read(kind, sessionId), keys.generation(sessionId), keys.refreshLease(kind, sessionId)],
        [generation, text, ageMs + keptStaleMs, ageMs, lease ?? ''],
      )
      .catch(() => undefined);
  }

  async releaseLease(kind: ReadKind, sessionId: string, lease: string): Promise<void> {
    const keys = this.keysFor(sessionId);
    if (keys) await this.giveUp(keys.refreshLease(kind, sessionId), lease);
  }

  async evictSession(sessionId: string): Promise<boolean> {
    if (await this.sendEviction(sessionId)) return true;
    if (this.pendingEvictions.size < maxPendingEvictions) this.pendingEvictions.add(sessionId);
    return false;
  }

  private async sendEviction(sessionId: string): Promise<boolean> {
    const keys = this.keysFor(sessionId);
    if (!keys) return true;
    const message = JSON.stringify({ sessionId, from: this.replicaId });
    try {
      // Tried even while Redis is judged degraded: a missed eviction serves a stale session, a tried one costs one deadline.
      await this.redis.run(
        evictScript,
        [
          keys.generation(sessionId),
          ...readKinds.flatMap((kind) => [keys.read(kind, sessionId), keys.refreshLease(kind, sessionId)]),
        ],
        [generationLifetimeMs, keys.evictions, message],
        { evenIfDegraded: true },
      );
      return true;
    } catch {
      return false;
    }
  }

  private async sendPendingEvictions(): Promise<void> {
    for (const sessionId of [...this.pendingEvictions]) {
      if (!(await this.sendEviction(sessionId))) return;
      this.pendingEvictions.delete(sessionId);
    }
  }

  private async giveUp(leaseKey: string, token: string): Promise<void> {
    await this.redis.run(releaseScript, [leaseKey], [token]).catch(() => undefined);
  }

  private keysFor(sessionId: string): AccountKeySpace | undefined {
    const account = this.accountOf(sessionId);
    return account === undefined ? undefined : this.redis.keysOf(account);
  }
}

function safeJson<Value>(text: string, schema: z.ZodType<Value>): Value | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
