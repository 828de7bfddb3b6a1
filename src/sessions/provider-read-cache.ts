import { setTimeout as delay } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import { PaymentsError } from '../errors.js';
import { coversExpansions, unionOfExpansions, type ReadExpansion } from '../model/read-expansion.js';
import { unrecordedCache, type CacheEvictionCause, type CacheRecorder } from './cache-recorder.js';
import { hasGivenUp, type ReadOrigin, type RequestTally } from '../request-tally.js';
import type { ReadCacheTtlPolicy } from './read-cache-ttl.js';
import { readKinds, type ReadKind, type ReadOutcome } from './read-outcome.js';

/** An outcome as a level keeps it, with the expansions it was fetched with ([] for kinds that have none). */
export interface KeptRead<Value = unknown> {
  outcome: ReadOutcome<Value>;
  expansions: readonly ReadExpansion[];
  /** In this process's level, for a copy kept past its age: when it stops being fresh, on the cache's clock. */
  freshUntil?: number;
}

/** Fetches from the provider with these expansions (of the read's kind); `origin` names the request the call is logged as. */
export type ReadFetch<Value, Expansion extends ReadExpansion = ReadExpansion> = (origin: ReadOrigin, expansions: readonly Expansion[]) => Promise<Value>;

/** The read cache with the ages it keeps each kind for, as the loaders use them, and the request reading. */
export interface SharedReads {
  reads: ProviderReadCache;
  ttlPolicy: ReadCacheTtlPolicy;
  request?: RequestTally | undefined;
}

/**
 * What a shared level answered: the outcome kept there (if any) with the time it has left,
 * and the session's eviction generation, to keep a fresh answer under.
 */
export interface SharedLook {
  /** `ttlMs`: how long it is still fresh (0 or less: it is only a copy, kept `copyForMs` more). */
  kept: (KeptRead & { ttlMs: number; copyForMs: number }) | undefined;
  generation: string;
  /**
   * Set when this look took the read's refresh lease: this replica fetches the read for every
   * replica, and passes the lease to `keep` (or `releaseLease` when it keeps nothing).
   * Undefined: another replica is fetching it, or a fresh answer holds it.
   */
  lease: string | undefined;
  /** Another replica holds the lease and is fetching the read now: its answer is worth waiting for. */
  fetchedElsewhere: boolean;
}

/** A second level below this process's cache, shared by every replica (Redis, in fleet mode). */
export interface SharedReadLevel {
  /** Undefined when the level cannot answer now; never rejects. Takes the read's refresh lease when it is free. */
  look(kind: ReadKind, sessionId: string): Promise<SharedLook | undefined>;
  /**
   * Keeps the outcome for `ttlMs` and then `staleMs` more as a copy, replacing what was
   * there, unless the session was evicted after `look` gave `generation`; the kept answer
   * holds the refresh lease for `ttlMs`, and `lease` is given up either way. Never rejects.
   */
  keep(kind: ReadKind, sessionId: string, kept: KeptRead, ttlMs: number, generation: string, staleMs?: number, lease?: string): Promise<void>;
  /** Gives up a refresh lease `look` took, if it still holds it; never rejects. */
  releaseLease(kind: ReadKind, sessionId: string, lease: string): Promise<void>;
  /** Longest a refresh lease is held: past it, a replica waiting for another's answer fetches the read itself. */
  readonly refreshLeaseMs: number;
  /**
   * Evicts the session from the level and from every other replica's first level; never
   * rejects. False when Redis could not be reached: the eviction is sent once it is back.
   */
  evictSession(sessionId: string): Promise<boolean>;
  /** Evictions other replicas sent, and word that some may have been missed. */
  listen(handlers: { evicted(sessionId: string): void; missedEvictions(): void }): void;
}

export interface ProviderReadCacheOptions {
  /** False keeps nothing; concurrent reads of one key still share a call. */
  enabled: boolean;
  maxEntries: number;
  /** Bound on the JSON size of everything kept. */
  maxBytes: number;
  /** Time source for expiry; tests pass their own. */
  clock?: { now(): number };
  /** A level shared with other replicas, read on a miss here and evicted with this one. */
  shared?: SharedReadLevel;
  /** Hits, misses, shared calls and evictions of this level (`process`). */
  recorder?: CacheRecorder;
  /** Hits and misses of the shared level (`redis`). */
  sharedRecorder?: CacheRecorder;
  /** How long a session's answer is kept past its age, as a copy to answer from when a fresh read cannot get a turn; 0 (default): not at all. */
  staleWindowMs?: number;
  /** Longest a read holding a copy waits for its call to be sent before it is answered from the copy. */
  staleAnswerAfterMs?: number;
}

interface CallInFlight {
  promise: Promise<unknown>;
  origin: ReadOrigin;
  /** What the call asked the provider for: a read needing no more joins it. */
  expansions: readonly ReadExpansion[];
  /**
   * Set when its answer must not be kept: the session was evicted while the call was under
   * way (the answer may predate the change), or a call asking for more expansions replaced it.
   */
  superseded: boolean;
  /** Set once the call got its turn and went to the provider. */
  sent: boolean;
  /** A session's answer kept past its age, here or in the shared level: what a read answers from if the call cannot go soon. */
  copy: KeptRead | undefined;
  /** Told when `copy` arrives from the shared level. */
  copyArrived: Set<() => void>;
  /** The requests whose reads wait for the call (undefined: a read outside any request, which never gives up). */
  readers: Array<RequestTally | undefined>;
  /** Set once a read was answered from the copy: the call still refreshes it, whoever else gives up. */
  refreshes: boolean;
}

const errorEntryBytes = 256;
/**
 * A read waiting for another replica's refresh looks for its answer in the shared level
 * after 20 ms, then twice as long each time up to 200 ms: a quick answer is seen at once,
 * and a refresh that waits its turn in a surge costs Redis a few looks a second, not fifty.
 */
const firstRefreshLookMs = 20;
const longestRefreshLookMs = 200;
/** Bound on the sessions remembered as evicted and not read since. */
const maxEvictedUnread = 10_000;

/**
 * Provider answers shared by every request in the process. Concurrent reads of the same
 * kind and session share one provider call in flight; answers are kept in a bounded LRU
 * for as long as the caller's `ttlMs` says (0: not at all). Evicting a session drops every
 * kind kept for it, and stops a call under way from storing an answer that may be stale.
 * With a shared level, a miss here asks it before the provider, an answer is kept in both,
 * and an eviction reaches every replica.
 *
 * A session is kept with the expansions it was fetched with, one entry per session at each
 * level: a copy (or a call in flight) with every expansion a read needs answers it; a read
 * needing more fetches the union of both and replaces the copy. A "does not exist" answers
 * whatever is needed.
 *
 * A session's answer is kept `staleWindowMs` past its age as a copy (a webhook still evicts
 * it). A read that finds only such a copy starts a fresh read as usual, and is answered
 * from the copy when that read is not sent within `staleAnswerAfterMs` or is refused by the
 * rate budgets (`RATE_LIMITED`); the fresh read, once sent, replaces the copy.
 *
 * A call not yet sent that every request reading it has given up on (its client went
 * away, its deadline passed) is dropped: the HTTP client asks `origin.wanted` before
 * sending. A refresh of a copy some read was answered from is always made.
 */
export class ProviderReadCache {
  private readonly entries: LRUCache<string, KeptRead> | undefined;
  private readonly inFlight = new Map<string, CallInFlight>();
  private readonly shared: SharedReadLevel | undefined;
  private readonly recorder: CacheRecorder;
  private readonly sharedRecorder: CacheRecorder;
  /** Set while everything is dropped at once: that is no eviction of a kept answer by age, size or webhook. */
  private clearing = false;
  private readonly staleWindowMs: number;
  private readonly staleAnswerAfterMs: number;
  private readonly clock: { now(): number };
  /** Sessions a webhook evicted and nobody has read since: their next call is a refetch after a webhook. */
  private readonly evictedUnread = new Set<string>();

  constructor(options: ProviderReadCacheOptions) {
    this.shared = options.shared;
    this.staleWindowMs = options.staleWindowMs ?? 0;
    this.staleAnswerAfterMs = options.staleAnswerAfterMs ?? 0;
    this.clock = options.clock ?? performance;
    const recorder = (this.recorder = options.recorder ?? unrecordedCache);
    this.sharedRecorder = options.sharedRecorder ?? unrecordedCache;
    this.entries = options.enabled
      ? new LRUCache<string, KeptRead>({
          max: options.maxEntries,
          maxSize: options.maxBytes,
          sizeCalculation: ({ outcome }) => (outcome.ok ? jsonBytes(outcome.value) : errorEntryBytes),
          dispose: (_outcome, _key, reason) => {
            const cause = evictionCauses[reason];
            if (cause && !this.clearing) recorder.evicted(cause);
          },
          // A test clock moves in jumps, so it is read on every check rather than once a millisecond.
          ...(options.clock ? { perf: options.clock, ttlResolution: 0 } : {}),
        })
      : undefined;
    this.shared?.listen({
      evicted: (sessionId) => this.forgetSession(sessionId),
      missedEvictions: () => this.forgetEverything(),
    });
  }

  /**
   * `request` is the request reading, if any: its tally counts the reads it shared, and a
   * call it starts is logged as its. `expansions` are those the answer must have been
   * fetched with.
   */
  read<Value, Expansion extends ReadExpansion = ReadExpansion>(
    kind: ReadKind,
    sessionId: string,
    fetch: ReadFetch<Value, Expansion>,
    ttlMs: (outcome: ReadOutcome<Value>) => number,
    request?: RequestTally,
    expansions: readonly Expansion[] = [],
  ): Promise<Value> {
    const key = `${kind}:${sessionId}`;
    const kept = this.entries?.get(key) as KeptRead<Value> | undefined;
    const copy = kept && answers(kept, expansions) ? kept : undefined;
    if (copy && (copy.freshUntil === undefined || copy.freshUntil > this.clock.now())) {
      this.recorder.hit();
      return copy.outcome.ok ? Promise.resolve(copy.outcome.value) : Promise.reject(copy.outcome.error);
    }
    this.recorder.miss();
    const joined = this.inFlight.get(key);
    if (joined && coversExpansions(joined.expansions, expansions)) {
      this.recorder.joined();
      joined.origin.joined += 1;
      if (request) request.sharedReads += 1;
      joined.copy ??= copy;
      joined.readers.push(request);
      return this.answer(joined, request) as Promise<Value>;
    }
    // The copy or the call lacks an expansion: ask for everything either had too, so that
    // the new answer can replace the copy for every reader.
    if (joined) joined.superseded = true;
    const fetchWith = unionOfExpansions(expansions, kept?.expansions ?? [], joined?.expansions ?? []);

    const origin: ReadOrigin = { request, joined: 0 };
    const call: CallInFlight = {
      promise: Promise.resolve(),
      origin,
      expansions: fetchWith,
      superseded: false,
      sent: false,
      copy,
      copyArrived: new Set(),
      readers: [request],
      refreshes: false,
    };
    origin.sent = () => {
      call.sent = true;
    };
    origin.wanted = () => call.refreshes || call.readers.some((reader) => reader === undefined || !hasGivenUp(reader));
    const afterWebhook = this.evictedUnread.delete(sessionId);
    // A read outside any request is the change feed's poll.
    origin.priority = afterWebhook ? 'after-webhook' : request === undefined ? 'poll' : copy ? 'refresh' : 'first-ask';
    // Every read of a kind asks for that kind's expansions, so the unions it fetches hold only those.
    const promise = this.load(kind, sessionId, key, call, (withExpansions) => fetch(origin, withExpansions as readonly Expansion[]), ttlMs);
    call.promise = promise;
    this.inFlight.set(key, call);
    return this.answer(call, request) as Promise<Value>;
  }

  /**
   * Forgets every kind kept for the session here and in every replica, so the next read
   * asks the provider. False when the shared level could not be told (it is told later):
   * the other replicas may serve what they keep until then.
   */
  async evictSession(sessionId: string): Promise<boolean> {
    this.forgetSession(sessionId);
    return this.shared ? this.shared.evictSession(sessionId) : true;
  }

  /** Entries kept now (expired ones may still count until they are next touched). */
  get size(): number {
    return this.entries?.size ?? 0;
  }

  /**
   * The call's answer, or its copy's when the call is not sent within the bound or is
   * refused by the rate budgets. Without a stale window, the call's promise itself.
   */
  private answer(call: CallInFlight, request: RequestTally | undefined): Promise<unknown> {
    if (this.staleWindowMs === 0) return call.promise;
    return new Promise((resolve, reject) => {
      let settled = false;
      let boundPassed = false;
      const fromCopy = (): boolean => {
        const copy = call.copy;
        if (settled || !copy?.outcome.ok) return false;
        settled = true;
        call.refreshes = true;
        if (request) request.answersFromCopy += 1;
        resolve(copy.outcome.value);
        return true;
      };
      const whenCopyArrives = () => {
        if (boundPassed && !call.sent) fromCopy();
      };
      const timer = setTimeout(() => {
        boundPassed = true;
        whenCopyArrives();
      }, this.staleAnswerAfterMs);
      call.copyArrived.add(whenCopyArrives);
      const done = () => {
        clearTimeout(timer);
        call.copyArrived.delete(whenCopyArrives);
      };
      call.promise.then(
        (value) => {
          done();
          if (!settled) resolve(value);
          settled = true;
        },
        (error: unknown) => {
          done();
          if (isRateLimited(error) && fromCopy()) return;
          if (!settled) reject(error);
          settled = true;
        },
      );
    });
  }

  private async load<Value>(
    kind: ReadKind,
    sessionId: string,
    key: string,
    call: CallInFlight,
    fetch: (expansions: readonly ReadExpansion[]) => Promise<Value>,
    ttlMs: (outcome: ReadOutcome<Value>) => number,
  ): Promise<Value> {
    const level = this.entries ? this.shared : undefined;
    const shared = level ? await this.lookShared(level, kind, sessionId, call) : undefined;
    const sharedKept = shared?.kept as (KeptRead<Value> & { ttlMs: number; copyForMs: number }) | undefined;
    const sharedAnswers = sharedKept !== undefined && answers(sharedKept, call.expansions);
    const sharedFresh = sharedAnswers && sharedKept.ttlMs > 0;
    if (shared) (sharedFresh ? this.sharedRecorder.hit() : this.sharedRecorder.miss());
    if (sharedKept && sharedFresh) {
      if (shared?.lease) void level?.releaseLease(kind, sessionId, shared.lease);
      this.settle(kind, key, call, sharedKept, () => sharedKept.ttlMs);
      return valueOf(sharedKept.outcome);
    }
    if (sharedKept && sharedAnswers) this.offerCopy(call, sharedKept);
    // Asking for what the shared copy had too lets the answer replace it there as well.
    const expansions = unionOfExpansions(call.expansions, sharedKept?.expansions ?? []);
    call.expansions = expansions;
    const outcome = await startFetch(() => fetch(expansions)).then(
      (value): ReadOutcome<Value> => ({ ok: true, value }),
      (error: unknown): ReadOutcome<Value> => ({ ok: false, error }),
    );
    const fetched: KeptRead<Value> = { outcome, expansions };
    const keptForMs = this.settle(kind, key, call, fetched, ttlMs);
    if (shared && keptForMs > 0) {
      await level?.keep(kind, sessionId, fetched, keptForMs, shared.generation, this.staleWindowOf(kind, outcome), shared.lease);
    } else if (shared?.lease) {
      await level?.releaseLease(kind, sessionId, shared.lease);
    }
    return valueOf(outcome);
  }

  /**
   * The shared level's look, once it says what this replica should do: answer from it (fresh),
   * or fetch (this look took the refresh lease, what is there lacks an expansion, or nobody is
   * fetching it though a fresh answer holds the lease: that answer is unreadable or gone). While
   * another replica is refreshing the read, looks again, less often as the wait goes on,
   * offering the copy there to the reads waiting; after `refreshLeaseMs`, or once nobody
   * waits for the call, the last look is used and the read fetched here.
   */
  private async lookShared(level: SharedReadLevel, kind: ReadKind, sessionId: string, call: CallInFlight): Promise<SharedLook | undefined> {
    const giveUpAt = performance.now() + level.refreshLeaseMs;
    for (let lookAfterMs = firstRefreshLookMs; ; lookAfterMs = Math.min(longestRefreshLookMs, lookAfterMs * 2)) {
      const look = await level.look(kind, sessionId);
      if (look === undefined || !look.fetchedElsewhere) return look;
      const kept = look.kept;
      if (kept !== undefined && kept.ttlMs > 0) return look;
      if (kept !== undefined && answers(kept, call.expansions)) this.offerCopy(call, kept);
      if (performance.now() >= giveUpAt || call.origin.wanted?.() === false) return look;
      await delay(Math.min(lookAfterMs, Math.max(0, giveUpAt - performance.now())));
    }
  }

  /** A copy past its age found in the shared level, for the reads of the call to be answered from should it not go soon. */
  private offerCopy(call: CallInFlight, kept: KeptRead): void {
    if (call.superseded || call.copy !== undefined) return;
    call.copy = { outcome: kept.outcome, expansions: kept.expansions };
    if (call.origin.priority === 'first-ask') call.origin.priority = 'refresh';
    for (const arrived of call.copyArrived) arrived();
  }

  private forgetSession(sessionId: string): void {
    if (this.evictedUnread.size >= maxEvictedUnread) this.evictedUnread.clear();
    this.evictedUnread.add(sessionId);
    for (const kind of readKinds) {
      const key = `${kind}:${sessionId}`;
      this.entries?.delete(key);
      const call = this.inFlight.get(key);
      if (call) {
        call.superseded = true;
        call.copy = undefined;
        this.inFlight.delete(key);
      }
    }
  }

  private forgetEverything(): void {
    this.clearing = true;
    this.entries?.clear();
    this.clearing = false;
    for (const call of this.inFlight.values()) {
      call.superseded = true;
      call.copy = undefined;
    }
    this.inFlight.clear();
  }

  /** Ends the call's turn in flight; answers how long the outcome is kept (0: not kept). */
  private settle<Value>(
    kind: ReadKind,
    key: string,
    call: CallInFlight,
    kept: KeptRead<Value>,
    ttlMs: (outcome: ReadOutcome<Value>) => number,
  ): number {
    if (this.inFlight.get(key) === call) this.inFlight.delete(key);
    if (call.superseded || !this.entries) return 0;
    const ttl = ttlMs(kept.outcome);
    if (ttl <= 0) return ttl;
    const staleMs = this.staleWindowOf(kind, kept.outcome);
    if (staleMs > 0) this.entries.set(key, { ...kept, freshUntil: this.clock.now() + ttl }, { ttl: ttl + staleMs });
    else this.entries.set(key, kept, { ttl });
    return ttl;
  }

  /** Only a session's answer is kept as a copy past its age; failures never are. */
  private staleWindowOf(kind: ReadKind, outcome: ReadOutcome<unknown>): number {
    return kind === 'session' && outcome.ok ? this.staleWindowMs : 0;
  }
}

/** What a kept answer's removal says about why; overwriting an entry is no eviction. */
const evictionCauses: Partial<Record<LRUCache.DisposeReason, CacheEvictionCause>> = {
  expire: 'age',
  evict: 'size',
  // Only a verified webhook deletes, here or, through the shared level, in another replica.
  delete: 'webhook',
};

/** A kept "does not exist" answers any read; an answer, only reads needing no expansion it lacks. */
function answers(kept: KeptRead, expansions: readonly ReadExpansion[]): boolean {
  return !kept.outcome.ok || coversExpansions(kept.expansions, expansions);
}

function isRateLimited(error: unknown): boolean {
  return error instanceof PaymentsError && error.code === 'RATE_LIMITED';
}

function valueOf<Value>(outcome: ReadOutcome<Value>): Value {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

function startFetch<Value>(fetch: () => Promise<Value>): Promise<Value> {
  try {
    return fetch();
  } catch (error) {
    return Promise.reject(error);
  }
}

function jsonBytes(value: unknown): number {
  return Math.max(1, Buffer.byteLength(JSON.stringify(value) ?? ''));
}
