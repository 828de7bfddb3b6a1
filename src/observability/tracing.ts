import type { IncomingHttpHeaders } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

export interface TracingOptions {
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: spans are exported there over OTLP/HTTP. */
  otlpEndpoint?: string | undefined;
  /** Spans go here instead (tests use an in-memory exporter). */
  spanProcessor?: SpanProcessor | undefined;
}

/** Spans of this subgraph: one per incoming request, one per provider call within it. */
export interface Tracing {
  /** Starts a request's span as the child of the caller's W3C `traceparent`, if it sent one. */
  startRequestSpan(headers: IncomingHttpHeaders, name: string, attributes: Attributes): Span;
  /** Runs `handle` with `span` as the parent of the spans started within it. */
  within<Result>(span: Span, handle: () => Result): Result;
  /** Starts a span as the child of the current one. */
  startClientSpan(name: string, attributes: Attributes): Span;
  /** Exports what is left and stops. */
  shutdown(): Promise<void>;
}

const defaultServiceName = 'payments-subgraph';

/**
 * Tracing is on only when there is somewhere to send spans. Off, this returns undefined
 * and no SDK is started: nothing on the request path touches OpenTelemetry.
 */
export function startTracing(options: TracingOptions): Tracing | undefined {
  const processor =
    options.spanProcessor ??
    (options.otlpEndpoint ? new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(options.otlpEndpoint) })) : undefined);
  if (!processor) return undefined;
  const provider = new NodeTracerProvider({
    // `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES`, when set, win over the default name.
    resource: defaultResource()
      .merge(resourceFromAttributes({ 'service.name': defaultServiceName }))
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: [processor],
  });
  // The context manager (AsyncLocalStorage) and the W3C trace-context propagator.
  provider.register();
  const tracer: Tracer = provider.getTracer(defaultServiceName);
  return {
    startRequestSpan: (headers, name, attributes) =>
      tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, propagation.extract(ROOT_CONTEXT, headers)),
    within: (span, handle) => context.with(trace.setSpan(context.active(), span), handle),
    startClientSpan: (name, attributes) => tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Where OTLP/HTTP takes traces under a base endpoint, as the specification builds it: `<endpoint>/v1/traces`. */
function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
