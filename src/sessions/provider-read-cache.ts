import { LRUCache } from 'lru-cache';
import { unrecordedCache, type CacheEvictionCause, type CacheRecorder } from '../observability/recorders.js';
import type { ReadOrigin, RequestTally } from '../observability/request-tally.js';
import type { CacheTtlPolicy } from './cache-ttl.js';

/** What the cache keeps, each kind keyed by the id of the session it belongs to. */
export const readKinds = ['session', 'refunds', 'lineItems'] as const;
export type ReadKind = (typeof readKinds)[number];

export type ReadOutcome<Value> = { ok: true; value: Value } | { ok: false; error: unknown };

/** The read cache with the ages it keeps each kind for, as the loaders use them, and the request reading. */
export interface SharedReads {
  reads: ProviderReadCache;
  ttlPolicy: CacheTtlPolicy;
  request?: RequestTally | undefined;
}

export interface ProviderReadCacheOptions {
  /** False keeps nothing; concurrent reads of one key still share a call. */
  enabled: boolean;
  maxEntries: number;
  /** Bound on the JSON size of everything kept. */
  maxBytes: number;
  /** Time source for expiry; tests pass their own. */
  clock?: { now(): number };
  /** Hits, misses, shared calls and evictions of this level (`process`). */
  recorder?: CacheRecorder;
}

interface CallInFlight {
  promise: Promise<unknown>;
  origin: ReadOrigin;
  /** Set when the session was evicted while the call was under way: its answer may predate the change. */
  superseded: boolean;
}

const errorEntryBytes = 256;

/**
 * Provider answers shared by every request in the process. Concurrent reads of the same
 * kind and session share one provider call in flight; answers are kept in a bounded LRU
 * for as long as the caller's `ttlMs` says (0: not at all). Evicting a session drops every
 * kind kept for it, and stops a call under way from storing an answer that may be stale.
 */
export class ProviderReadCache {
  private readonly entries: LRUCache<string, ReadOutcome<unknown>> | undefined;
  private readonly inFlight = new Map<string, CallInFlight>();
  private readonly recorder: CacheRecorder;

  constructor(options: ProviderReadCacheOptions) {
    const recorder = (this.recorder = options.recorder ?? unrecordedCache);
    this.entries = options.enabled
      ? new LRUCache<string, ReadOutcome<unknown>>({
          max: options.maxEntries,
          maxSize: options.maxBytes,
          sizeCalculation: (outcome) => (outcome.ok ? jsonBytes(outcome.value) : errorEntryBytes),
          dispose: (_outcome, _key, reason) => {
            const cause = evictionCauses[reason];
            if (cause) recorder.evicted(cause);
          },
          // A test clock moves in jumps, so it is read on every check rather than once a millisecond.
          ...(options.clock ? { perf: options.clock, ttlResolution: 0 } : {}),
        })
      : undefined;
  }

  /** `request` is the request reading, if any: its tally counts the reads it shared, and a call it starts is logged as its. */
  read<Value>(
    kind: ReadKind,
    sessionId: string,
    fetch: (origin: ReadOrigin) => Promise<Value>,
    ttlMs: (outcome: ReadOutcome<Value>) => number,
    request?: RequestTally,
  ): Promise<Value> {
    const key = `${kind}:${sessionId}`;
    const kept = this.entries?.get(key) as ReadOutcome<Value> | undefined;
    if (kept) {
      this.recorder.hit();
      return kept.ok ? Promise.resolve(kept.value) : Promise.reject(kept.error);
    }
    this.recorder.miss();
    const shared = this.inFlight.get(key);
    if (shared) {
      this.recorder.joined();
      shared.origin.joined += 1;
      if (request) request.sharedReads += 1;
      return shared.promise as Promise<Value>;
    }

    const origin: ReadOrigin = { request, joined: 0 };
    const call: CallInFlight = { promise: Promise.resolve(), origin, superseded: false };
    const promise = startFetch(() => fetch(origin)).then(
      (value) => {
        this.settle(key, call, { ok: true, value }, ttlMs);
        return value;
      },
      (error: unknown) => {
        this.settle(key, call, { ok: false, error }, ttlMs);
        throw error;
      },
    );
    call.promise = promise;
    this.inFlight.set(key, call);
    return promise;
  }

  /** Forgets every kind kept for the session, so the next read asks the provider. */
  evictSession(sessionId: string): void {
    for (const kind of readKinds) {
      const key = `${kind}:${sessionId}`;
      this.entries?.delete(key);
      const call = this.inFlight.get(key);
      if (call) {
        call.superseded = true;
        this.inFlight.delete(key);
      }
    }
  }

  /** Entries kept now (expired ones may still count until they are next touched). */
  get size(): number {
    return this.entries?.size ?? 0;
  }

  private settle<Value>(
    key: string,
    call: CallInFlight,
    outcome: ReadOutcome<Value>,
    ttlMs: (outcome: ReadOutcome<Value>) => number,
  ): void {
    if (this.inFlight.get(key) === call) this.inFlight.delete(key);
    if (call.superseded || !this.entries) return;
    const ttl = ttlMs(outcome);
    if (ttl > 0) this.entries.set(key, outcome, { ttl });
  }
}

/** What a kept answer's removal says about why; overwriting an entry is no eviction. */
const evictionCauses: Partial<Record<LRUCache.DisposeReason, CacheEvictionCause>> = {
  expire: 'age',
  evict: 'size',
  // Only `evictSession` deletes, on a verified webhook.
  delete: 'webhook',
};

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
