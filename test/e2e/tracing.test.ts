import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startHarness, useHarness } from '../support/harness.js';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const routerSpanId = '00f067aa0ba902b7';
const traceparent = `00-${traceId}-${routerSpanId}-01`;
const sessionQuery = 'query SessionById($id: ID!) { checkoutSession(id: $id) { id status } }';

function putSession(harness: { emulator: { putStripeSession(session: Record<string, unknown>): void } }, id: string): string {
  harness.emulator.putStripeSession({ id, object: 'checkout.session', status: 'complete', payment_status: 'paid' });
  return id;
}

describe('tracing with OTEL_EXPORTER_OTLP_ENDPOINT unset', () => {
  const harness = useHarness();

  it('starts no OpenTelemetry SDK: the API stays a no-op while requests are served', async () => {
    const answer = await harness.query(sessionQuery, { id: putSession(harness, 'cs_test_untraced0001') });
    expect(answer.data?.checkoutSession).toEqual({ id: 'cs_test_untraced0001', status: 'COMPLETE' });
    const span = trace.getTracer('probe').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    span.end();
  });
});

describe('tracing into an in-memory exporter', () => {
  const exporter = new InMemorySpanExporter();
  const harness = useHarness(
    { PROVIDER_RETRY_BASE_DELAY_MS: '5', PROVIDER_RETRY_MAX_DELAY_MS: '20' },
    {},
    { spanProcessor: new SimpleSpanProcessor(exporter) },
  );

  const spansOfTrace = () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
  const serverSpan = (spans: ReadableSpan[]) => spans.find((span) => span.kind === SpanKind.SERVER)!;
  const clientSpans = (spans: ReadableSpan[]) => spans.filter((span) => span.kind === SpanKind.CLIENT);

  it('continues the router traceparent: router span, then the GraphQL operation, then the provider call', async () => {
    exporter.reset();
    const id = putSession(harness, 'cs_test_traced0001');
    const answer = await postGraphQL(harness.graphqlUrl, { query: sessionQuery, variables: { id } }, { traceparent });
    expect(answer.data?.checkoutSession).toEqual({ id, status: 'COMPLETE' });

    const spans = spansOfTrace();
    const operation = serverSpan(spans);
    expect(operation.name).toBe('query SessionById');
    expect(operation.parentSpanContext?.spanId).toBe(routerSpanId);
    expect(operation.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'SessionById',
      'http.response.status_code': 200,
      'payments.sessions_asked': 1,
    });
    const [call, ...others] = clientSpans(spans);
    expect(others).toEqual([]);
    expect(call!.parentSpanContext?.spanId).toBe(operation.spanContext().spanId);
    expect(call!.name).toBe('GET /v1/checkout/sessions/{id}');
    expect(call!.attributes).toEqual({
      'payments.provider': 'Stripe',
      'http.request.method': 'GET',
      'url.template': '/v1/checkout/sessions/{id}',
      'http.response.status_code': 200,
      'payments.outcome': 'ok',
      'payments.attempts': 1,
    });
  });

  it('records a failing provider call with its status, its three attempts and the error on the operation', async () => {
    exporter.reset();
    const id = putSession(harness, 'cs_test_tracedDown0001');
    harness.emulator.injectFault(id, { kind: 'status', status: 503 });
    const answer = await postGraphQL(harness.graphqlUrl, { query: sessionQuery, variables: { id } }, { traceparent });
    expect(answer.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');

    const spans = spansOfTrace();
    const [call] = clientSpans(spans);
    expect(call!.attributes).toMatchObject({ 'http.response.status_code': 503, 'payments.outcome': 'unavailable', 'payments.attempts': 3 });
    expect(serverSpan(spans).attributes['payments.error_codes']).toEqual(['PROVIDER_UNAVAILABLE']);
    expect(JSON.stringify(spans.map((span) => [span.name, span.attributes]))).not.toContain(id);
  });

  it('starts a new trace for a request that carries no traceparent', async () => {
    exporter.reset();
    await harness.query(sessionQuery, { id: putSession(harness, 'cs_test_tracedRoot0001') });
    const operation = serverSpan(exporter.getFinishedSpans());
    expect(operation.parentSpanContext).toBeUndefined();
    expect(operation.spanContext().traceId).not.toBe(traceId);
  });
});

describe('tracing to an OTLP/HTTP collector at OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  const received: Array<{ path: string; body: any }> = [];
  let collector: Server;

  beforeAll(async () => {
    collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

  it('exports the operation and provider call spans there when the subgraph stops, named payments-subgraph', async () => {
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const harness = await startHarness({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    await postGraphQL(harness.graphqlUrl, { query: sessionQuery, variables: { id: putSession(harness, 'cs_test_exported0001') } }, { traceparent });
    await harness.close();

    expect(received.map((export_) => export_.path)).toContain('/v1/traces');
    const resourceSpans = received.flatMap((export_) => export_.body.resourceSpans);
    const serviceNames = resourceSpans.flatMap((each: any) =>
      each.resource.attributes.filter((attribute: any) => attribute.key === 'service.name').map((attribute: any) => attribute.value.stringValue),
    );
    expect(serviceNames).toContain('payments-subgraph');
    const names = resourceSpans.flatMap((each: any) => each.scopeSpans.flatMap((scope: any) => scope.spans.map((span: any) => span.name)));
    expect(names).toEqual(expect.arrayContaining(['query SessionById', 'GET /v1/checkout/sessions/{id}']));
  });
});
