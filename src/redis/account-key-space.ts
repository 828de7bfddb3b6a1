/**
 * The version of the key layout below. A replica reads and writes only its own version's
 * keys, so replicas of two versions side by side never read each other's values.
 */
const layoutVersion = 'v2';

/**
 * Every Redis key and channel the subgraph uses for one provider account, all under
 * `<REDIS_KEY_PREFIX>v2:<provider>:<mode>:<key hash>:` (`account` as `providerAccount`
 * writes it). Deployments of different accounts can share one Redis with the default
 * prefix: none reads, evicts or spends another's.
 */
export class AccountKeySpace {
  private readonly base: string;

  constructor(keyPrefix: string, readonly account: string) {
    this.base = `${keyPrefix}${layoutVersion}:${account}:`;
  }

  /** What the read cache keeps of a session, one key per kind (`session`, `refunds`, `lineItems`). */
  read(kind: string, sessionId: string): string {
    return `${this.base}${kind}:${sessionId}`;
  }

  /**
   * Who refreshes a read of the session for every replica: the one replica fetching it now,
   * or its answer while that is still fresh (see `RedisReadLevel`).
   */
  refreshLease(kind: string, sessionId: string): string {
    return `${this.base}refresh:${kind}:${sessionId}`;
  }

  /** The session's eviction counter: an answer fetched before an eviction is not kept after it. */
  generation(sessionId: string): string {
    return `${this.base}generation:${sessionId}`;
  }

  /** The pub/sub channel that carries the account's evictions to every replica. */
  get evictions(): string {
    return `${this.base}evictions`;
  }

  /** A webhook event the account's replicas handled, by its digest: a replay of it changes nothing. */
  deliveredEvent(eventKey: string): string {
    return `${this.base}webhook-event:${eventKey}`;
  }

  /** A rate budget of the account: the whole account's, or one endpoint's when named. */
  rateBudget(endpoint?: string): string {
    return endpoint === undefined ? `${this.base}rate` : `${this.base}rate:${endpoint}`;
  }

  /** When a subscribed session is polled next, shared by every replica watching it. */
  pollSchedule(sessionId: string): string {
    return `${this.base}poll:${sessionId}`;
  }

  /** Taken by the one replica that refetches a session after one webhook delivery. */
  refetchClaim(nonce: string): string {
    return `${this.base}refetch:${nonce}`;
  }

  /** The pub/sub channel that carries the account's session changes to every replica's subscribers. */
  get sessionChanges(): string {
    return `${this.base}session-changes`;
  }
}
