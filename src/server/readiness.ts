import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CircuitState } from '../providers/http/circuit-breaker.js';

/** A shared dependency the subgraph can serve without: `degraded` is reported, never a reason to stop serving. */
export type DependencyState = 'ok' | 'degraded';

export interface ReadinessReport {
  status: 'ready' | 'not ready';
  /** Why the replica should get no new traffic; only when not ready. */
  reason?: string;
  /** Each configured provider's circuit, by its name (`Stripe`, `Converge Gate`). */
  providers: Record<string, CircuitState>;
  /** Absent when no Redis is configured. */
  redis?: DependencyState;
  /** Subscriptions open on this replica (over SSE and graphql-ws). */
  subscriptions: number;
}

export interface ReadinessProbes {
  providerCircuits: () => Record<string, CircuitState>;
  redis?: () => DependencyState;
  subscriptions?: () => number;
}

/**
 * Whether a load balancer should send this replica traffic (`GET /ready`), apart from
 * whether the process is alive (`GET /health`). Only shutting down makes it not ready: an
 * open circuit or a Redis outage is reported, but every replica shares the provider and
 * Redis, so taking this one out of rotation would not help anyone.
 */
export class Readiness {
  private stopping = false;

  constructor(private readonly probes: ReadinessProbes) {}

  /** From the first termination signal on: the load balancer stops sending new requests. */
  markStopping(): void {
    this.stopping = true;
  }

  report(): ReadinessReport {
    const redis = this.probes.redis?.();
    return {
      status: this.stopping ? 'not ready' : 'ready',
      ...(this.stopping ? { reason: 'shutting down' } : {}),
      providers: this.probes.providerCircuits(),
      ...(redis === undefined ? {} : { redis }),
      subscriptions: this.probes.subscriptions?.() ?? 0,
    };
  }

  readonly route = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const report = this.report();
    response
      .writeHead(report.status === 'ready' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
      .end(request.method === 'HEAD' ? undefined : JSON.stringify(report));
  };
}
