import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CheckoutSession } from '../model/checkout-session.js';
import { redisScript, type SharedRedis } from '../redis/shared-redis.js';
import type { AnnouncedChange, ChangeBus, ChangeBusHandlers } from './change-bus.js';
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
  private readonly channel: string;

  constructor(private readonly redis: SharedRedis) {
    this.channel = `${redis.keyPrefix}v1:session-changes`;
  }

  announce(change: AnnouncedChange): void {
    this.publish({ type: 'changed', from: this.replicaId, ...change });
  }

  share(session: CheckoutSession, final: boolean): void {
    const outcome = encodeOutcome({ ok: true, value: session });
    if (outcome !== undefined) this.publish({ type: 'read', from: this.replicaId, sessionId: session.id, outcome, final });
  }

  async claim(nonce: string): Promise<boolean> {
    try {
      const won = await this.redis.run(claimScript, [`${this.redis.keyPrefix}v1:refetch:${nonce}`], [this.replicaId, claimLifetimeMs]);
      return won === 1;
    } catch {
      return true;
    }
  }

  listen(handlers: ChangeBusHandlers): void {
    this.redis.subscribe(
      this.channel,
      (text) => {
        const parsed = parseMessage(text);
        if (!parsed || parsed.from === this.replicaId) return;
        if (parsed.type === 'changed') {
          handlers.changed({ sessionId: parsed.sessionId, nonce: parsed.nonce, final: parsed.final });
          return;
        }
        const outcome = decodeOutcome('session', parsed.sessionId, parsed.outcome);
        if (outcome?.ok) handlers.read(outcome.value as CheckoutSession, parsed.final);
      },
      // Missed messages are caught up by the next poll of each session.
      () => {},
    );
  }

  private publish(body: z.infer<typeof message>): void {
    this.redis.run(publishScript, [], [this.channel, JSON.stringify(body)]).catch(() => undefined);
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
