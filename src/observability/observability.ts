import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { requestTallyPlugin } from './graphql-plugin.js';
import { cacheMetrics, subscriptionMetrics, webhookMetrics } from './metric-recorders.js';
import { SubgraphMetrics } from './metrics.js';
import { ProviderCallObserver } from './provider-calls.js';
import type { CacheLevel, CacheRecorder, SubscriptionRecorder, WebhookRecorder } from './recorders.js';
import type { RequestTally } from './request-tally.js';
import { RequestObserver } from './request-observer.js';
import { startTracing, type Tracing, type TracingOptions } from './tracing.js';

export interface ObservabilityOptions extends TracingOptions {
  /** Where request lines and provider call lines are written. */
  logger: Logger;
}

/**
 * Metrics, traces and request logs of one subgraph, made once at start-up and handed to
 * each layer as the recorder it needs.
 */
export class Observability {
  readonly metrics = new SubgraphMetrics();
  readonly requests: RequestObserver;
  readonly providerCalls: ProviderCallObserver;
  readonly webhooks: WebhookRecorder;
  readonly subscriptions: SubscriptionRecorder;
  readonly graphqlPlugin: ApolloServerPlugin<{ request: RequestTally }> = requestTallyPlugin;
  private readonly tracing: Tracing | undefined;

  constructor(options: ObservabilityOptions) {
    this.tracing = startTracing(options);
    this.requests = new RequestObserver(this.metrics, options.logger, this.tracing);
    this.providerCalls = new ProviderCallObserver(this.metrics, options.logger, this.tracing);
    this.webhooks = webhookMetrics(this.metrics);
    this.subscriptions = subscriptionMetrics(this.metrics);
  }

  cache(level: CacheLevel): CacheRecorder {
    return cacheMetrics(this.metrics, level);
  }

  /** Exports the spans still buffered. */
  async close(): Promise<void> {
    await this.tracing?.shutdown();
  }
}
