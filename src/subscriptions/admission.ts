import { ShuttingDownError, TooManySubscriptionsError } from '../errors.js';

/** One connection's subscriptions (a WebSocket's; an SSE stream carries one). */
export interface ConnectionShare {
  open: number;
}

export interface AdmissionLimits {
  maxPerProcess: number;
  maxPerConnection: number;
}

/**
 * Who may open a subscription: nobody once the replica is stopping, and nobody past the
 * limits per process and per connection. Counts every subscription from its admission
 * to its end, so `/ready` can say how many are open.
 */
export class SubscriptionAdmission {
  private stopping = false;
  private open = 0;

  constructor(private readonly limits: AdmissionLimits) {}

  get openSubscriptions(): number {
    return this.open;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** From the first termination signal on. */
  stop(): void {
    this.stopping = true;
  }

  /** Counts a new subscription, or throws why it is refused; the answer releases it, once. */
  admit(connection: ConnectionShare): () => void {
    if (this.stopping) throw new ShuttingDownError();
    if (this.open >= this.limits.maxPerProcess) throw new TooManySubscriptionsError('process', this.limits.maxPerProcess);
    if (connection.open >= this.limits.maxPerConnection) {
      throw new TooManySubscriptionsError('connection', this.limits.maxPerConnection);
    }
    this.open += 1;
    connection.open += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open -= 1;
      connection.open -= 1;
    };
  }
}
