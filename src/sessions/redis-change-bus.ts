import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CheckoutSession } from '../model/checkout-session.js';
import { redisScript, type SharedRedis } from '../redis/shared-redis.js';
import type { AnnouncedChange, ChangeBus, ChangeBusHandlers } from './change-bus.js';
import type { SessionAccountOf } from './redis-read-level.js';
import { decodeOutcome, encodeOutcome } from './shared-read-codec.js';

const publishScript = redisScript(`return redis.call('PUBLISH', ARGV[1], ARGV[2])`);
const claimScript = redisScript(`return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0`);

/** Outlives every replica's handling of one announcement. */
const claimLifetimeMs = 60_000;

const message = z.discriminatedUnion('type', [
  z.object({ type: z.literal('changed'), from: z.string(), sessionId: z.string(), nonce: z.string(), final: z.boolean() }),
  z.object({ type: z.literal('read'), from: z.string(), sessionId: z.string(), outcome: z.string(), final: z.boolean() }),
]);

/**
 * The change feed across replicas, on the Redis every replica shares: a webhook received
 * by one is announced to all, the one that claims it refetches the session, and what it
 * read reaches every replica's subscribers. While Redis cannot answer, each replica
 * refetches for its own subscribers.
 */
export class RedisChangeBus implements ChangeBus {
  private readonly replicaId = randomUUID();

  /** `accounts`: every configured provider's account, whose change channels this replica listens to. */
  constructor(
    private readonly redis: SharedRedis,
    private readonly accountOf: SessionAccountOf,
    private readonly accounts: readonly string[],
  ) {}

  announce(change: AnnouncedChange): void {
    this.publish(change.sessionId, { type: 'changed', from: this.replicaId, ...change });
  }

  share(session: CheckoutSession, final: boolean): void {
    const outcome = encodeOutcome({ outcome: { ok: true, value: session }, expansions: [] });
    if (outcome !== undefined) this.publish(session.id, { type: 'read', from: this.replicaId, sessionId: session.id, outcome, final });
  }

  async claim(sessionId: string, nonce: string): Promise<boolean> {
    const account = this.accountOf(sessionId);
    if (account === undefined) return true;
    try {
      const won = await this.redis.run(claimScript, [this.redis.keysOf(account).refetchClaim(nonce)], [this.replicaId, claimLifetimeMs]);
      return won === 1;
    } catch {
      return true;
    }
  }

  listen(handlers: ChangeBusHandlers): void {
    for (const account of this.accounts) this.listenTo(this.redis.keysOf(account).sessionChanges, handlers);
  }

  private listenTo(channel: string, handlers: ChangeBusHandlers): void {
    this.redis.subscribe(
      channel,
      (text) => {
        const parsed = parseMessage(text);
        if (!parsed || parsed.from === this.replicaId) return;
        if (parsed.type === 'changed') {
          handlers.changed({ sessionId: parsed.sessionId, nonce: parsed.nonce, final: parsed.final });
          return;
        }
        const kept = decodeOutcome('session', parsed.sessionId, parsed.outcome);
        if (kept?.outcome.ok) handlers.read(kept.outcome.value as CheckoutSession, parsed.final);
      },
      // Missed messages are caught up by the next poll of each session.
      () => {},
    );
  }

  private publish(sessionId: string, body: z.infer<typeof message>): void {
    const account = this.accountOf(sessionId);
    if (account === undefined) return;
    this.redis.run(publishScript, [], [this.redis.keysOf(account).sessionChanges, JSON.stringify(body)]).catch(() => undefined);
  }
}

function parseMessage(text: string): z.infer<typeof message> | undefined {
  try {
    const parsed = message.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
