/** Where a read was answered: this process's memory, or (in a fleet) a shared level. */
export type CacheLevel = 'process' | 'redis';

/** Why a kept answer was dropped before anyone asked for it again. */
export type CacheEvictionCause = 'age' | 'size' | 'webhook';

/** What one level of the read cache tells observability. */
export interface CacheRecorder {
  hit(): void;
  miss(): void;
  /** A read joined a provider call already in flight for the same answer. */
  joined(): void;
  evicted(cause: CacheEvictionCause): void;
}

/** For a read cache used without observability (unit tests, tools): records nothing. */
export const unrecordedCache: CacheRecorder = { hit: () => {}, miss: () => {}, joined: () => {}, evicted: () => {} };
