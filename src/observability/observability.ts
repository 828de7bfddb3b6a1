import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { requestTallyPlugin } from './request-tally-plugin.js';
import { cacheRecorder, subscriptionRecorder, webhookRecorder } from './metric-recorders.js';
import { SubgraphMetrics } from './metrics.js';
import { ProviderCallTelemetry } from './provider-call-telemetry.js';
import type { CacheLevel, CacheRecorder } from '../sessions/cache-recorder.js';
import type { SubscriptionRecorder } from '../sessions/subscription-recorder.js';
import type { WebhookRecorder } from '../webhooks/webhook-recorder.js';
import type { RequestTally } from '../request-tally.js';
import { RequestTelemetry } from './request-telemetry.js';
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
  readonly requests: RequestTelemetry;
  readonly providerCalls: ProviderCallTelemetry;
  readonly webhooks: WebhookRecorder;
  readonly subscriptions: SubscriptionRecorder;
  readonly graphqlPlugin: ApolloServerPlugin<{ request: RequestTally }> = requestTallyPlugin;
  private readonly tracing: Tracing | undefined;

  constructor(options: ObservabilityOptions) {
    this.tracing = startTracing(options);
    this.requests = new RequestTelemetry(this.metrics, options.logger, this.tracing);
    this.providerCalls = new ProviderCallTelemetry(this.metrics, options.logger, this.tracing);
    this.webhooks = webhookRecorder(this.metrics);
    this.subscriptions = subscriptionRecorder(this.metrics);
  }

  cache(level: CacheLevel): CacheRecorder {
    return cacheRecorder(this.metrics, level);
  }

  /** Exports the spans still buffered. */
  async close(): Promise<void> {
    await this.tracing?.shutdown();
  }
}
