import { SpanStatusCode } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { CircuitState } from '../providers/http/circuit-breaker.js';
import type { SubgraphMetrics } from './metrics.js';
import type { ProviderCallEnd, ProviderCallOutcome, ProviderCallRecorder, ProviderCallRefusal } from '../providers/http/provider-call-recorder.js';
import type { ReadOrigin } from '../request-tally.js';
import type { Tracing } from './tracing.js';

const outcomes: readonly ProviderCallOutcome[] = ['ok', 'not_found', 'unavailable', 'rate_limited', 'bad_response', 'auth_failed', 'error'];
const circuitStates: readonly CircuitState[] = ['closed', 'open', 'half-open'];

type DurationChild = ReturnType<SubgraphMetrics['providerCallDuration']['labels']>;
type CounterChild = ReturnType<SubgraphMetrics['providerCallRetries']['labels']>;

/** One provider's instruments with their labels bound once, so a call costs no label lookup. */
interface ProviderInstruments {
  duration: Record<ProviderCallOutcome, DurationChild>;
  retries: CounterChild;
}

/**
 * Each provider call becomes an observation of its duration by outcome, its retries, a
 * client span (when tracing is on, the child of the current span), a `debug` line, and
 * one more call in the tally of the request that made it.
 */
export class ProviderCallTelemetry implements ProviderCallRecorder {
  private readonly instruments = new Map<string, ProviderInstruments>();

  constructor(
    private readonly metrics: SubgraphMetrics,
    private readonly logger: Logger,
    private readonly tracing: Tracing | undefined,
  ) {}

  callStarted(provider: string, pathTemplate: string, path: string, origin: ReadOrigin | undefined): { finished(end: ProviderCallEnd): void } {
    const startedAt = performance.now();
    const instruments = this.instrumentsFor(provider);
    const span = this.tracing?.startClientSpan(`GET ${pathTemplate}`, {
      'payments.provider': provider,
      'http.request.method': 'GET',
      'url.template': pathTemplate,
    });
    const request = origin?.request;
    if (request) request.providerCalls += 1;
    return {
      finished: ({ outcome, status, attempts, reason }) => {
        const seconds = (performance.now() - startedAt) / 1000;
        instruments.duration[outcome].observe(seconds);
        if (attempts > 1) instruments.retries.inc(attempts - 1);
        if (span) {
          span.setAttributes({ 'payments.outcome': outcome, 'payments.attempts': attempts });
          if (status !== undefined) span.setAttribute('http.response.status_code', status);
          if (reason !== undefined) span.setAttribute('error.type', reason);
          if (outcome !== 'ok' && outcome !== 'not_found') span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        }
        if (this.logger.isLevelEnabled('debug')) {
          // A call other requests joined is logged once, under the request that started it.
          const joined = origin && origin.joined > 0 ? origin.joined : undefined;
          this.logger.debug(
            { requestId: request?.requestId, joined, provider, path, outcome, status, reason, attempts, ms: Math.round(seconds * 1000) },
            'provider call',
          );
        }
      },
    };
  }

  callRefused(provider: string, refusal: ProviderCallRefusal): void {
    this.metrics.providerCallsRefused.labels(provider, refusal).inc();
  }

  circuitStateChanged(provider: string, state: CircuitState): void {
    for (const each of circuitStates) this.metrics.circuitState.labels(provider, each).set(each === state ? 1 : 0);
  }

  waitingForTurn(provider: string, waitMs: number): () => void {
    this.metrics.rateLimitWait.labels(provider).observe(waitMs / 1000);
    const queued = this.metrics.rateLimitQueueLength.labels(provider);
    queued.inc();
    return () => queued.dec();
  }

  rateLimited(provider: string, reason: string): void {
    this.metrics.providerRateLimited.labels(provider, reason).inc();
  }

  rateBudgets(provider: string, currentRates: () => ReadonlyMap<string, number>): void {
    this.metrics.rateBudgetSources.push({ provider, currentRates });
  }

  private instrumentsFor(provider: string): ProviderInstruments {
    let instruments = this.instruments.get(provider);
    if (!instruments) {
      const duration = Object.fromEntries(
        outcomes.map((outcome) => [outcome, this.metrics.providerCallDuration.labels(provider, outcome)]),
      ) as Record<ProviderCallOutcome, DurationChild>;
      instruments = { duration, retries: this.metrics.providerCallRetries.labels(provider) };
      this.instruments.set(provider, instruments);
    }
    return instruments;
  }
}
