import type { SubgraphMetrics } from './metrics.js';
import type { CacheEvictionCause, CacheLevel, CacheRecorder } from '../sessions/cache-recorder.js';
import type { SubscriptionRecorder } from '../sessions/subscription-recorder.js';
import type { WebhookRecorder } from '../webhooks/webhook-recorder.js';

/** One cache level's counters, labels bound once. */
export function cacheRecorder(metrics: SubgraphMetrics, level: CacheLevel): CacheRecorder {
  const hits = metrics.cacheHits.labels(level);
  const misses = metrics.cacheMisses.labels(level);
  const evictions = (cause: CacheEvictionCause) => metrics.cacheEvictions.labels(level, cause);
  const evicted = { age: evictions('age'), size: evictions('size'), webhook: evictions('webhook') };
  return {
    hit: () => hits.inc(),
    miss: () => misses.inc(),
    joined: () => metrics.cacheSharedReads.inc(),
    evicted: (cause) => evicted[cause].inc(),
  };
}

export function webhookRecorder(metrics: SubgraphMetrics): WebhookRecorder {
  return { received: (provider, result) => metrics.webhooksReceived.labels(provider, result).inc() };
}

export function subscriptionRecorder(metrics: SubgraphMetrics): SubscriptionRecorder {
  return {
    read: (purpose) => metrics.subscriptionReads.labels(purpose).inc(),
    countOpen: (source) => {
      metrics.openSubscriptionsSource = source;
    },
  };
}
