import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanStatusCode, type Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { BoundedLabels } from './bounded-labels.js';
import type { SubgraphMetrics } from './metrics.js';
import { newRequestTally, type RequestTally } from '../request-tally.js';
import type { Tracing } from './tracing.js';

/** Distinct operation names and error codes counted by name before the rest are grouped. */
const maxOperationNames = 100;
const maxErrorCodes = 50;

/** A router's or load balancer's request id is used as it is when it looks like an id. */
const saneRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * New ids are this process's random prefix and a counter: unique across replicas, and
 * far cheaper than a UUID each (which showed as 1% of a request's CPU).
 */
const processPrefix = randomBytes(6).toString('hex');
let requestsSeen = 0;

function requestIdFrom(header: string | string[] | undefined): string {
  if (typeof header === 'string' && saneRequestId.test(header)) return header;
  requestsSeen += 1;
  return `${processPrefix}-${requestsSeen.toString(36)}`;
}

/**
 * Wraps the handling of each request: gives it an id (the caller's `x-request-id` or a new
 * one, echoed back) and a tally the handling fills in, opens its span as the child of the
 * caller's `traceparent`, and when the response is sent writes one `info` line and counts
 * the GraphQL request.
 */
export class RequestTelemetry {
  private readonly operationLabels = new BoundedLabels(maxOperationNames, 'other');
  private readonly errorCodeLabels = new BoundedLabels(maxErrorCodes, 'OTHER');

  constructor(
    private readonly metrics: SubgraphMetrics,
    private readonly logger: Logger,
    private readonly tracing: Tracing | undefined,
  ) {}

  record(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    handle: (tally: RequestTally) => Promise<void>,
  ): Promise<void> {
    const startedAt = performance.now();
    const tally = newRequestTally(requestIdFrom(request.headers['x-request-id']));
    response.setHeader('x-request-id', tally.requestId);
    const method = request.method ?? 'GET';
    const span = this.tracing?.startRequestSpan(request.headers, `${method} ${path}`, {
      'http.request.method': method,
      'url.path': path,
    });
    response.once('close', () => this.finished(tally, response, method, path, performance.now() - startedAt, span));
    return span && this.tracing ? this.tracing.within(span, () => handle(tally)) : handle(tally);
  }

  private finished(
    tally: RequestTally,
    response: ServerResponse,
    method: string,
    path: string,
    ms: number,
    span: Span | undefined,
  ): void {
    if (tally.isGraphQL) {
      const operation = tally.operationName === undefined ? 'anonymous' : this.operationLabels.labelFor(tally.operationName);
      this.metrics.graphqlRequests.labels(operation).inc();
      this.metrics.sessionsPerRequest.observe(tally.sessionsAsked);
      for (const code of tally.errorCodes) this.metrics.graphqlErrors.labels(this.errorCodeLabels.labelFor(code)).inc();
    }
    const status = response.writableFinished ? response.statusCode : 499;
    if (span) this.endSpan(span, tally, status);
    this.logger.info(
      {
        requestId: tally.requestId,
        method,
        path,
        status,
        operationName: tally.operationName,
        sessionsAsked: tally.sessionsAsked,
        providerCalls: tally.providerCalls,
        sharedReads: tally.sharedReads,
        answersFromCopy: tally.answersFromCopy,
        // Each distinct code once: a batch of 500 failed sessions logs one NOT_FOUND, not 500.
        errorCodes: [...new Set(tally.errorCodes)],
        durationMs: Math.round(ms * 10) / 10,
      },
      'request',
    );
  }

  private endSpan(span: Span, tally: RequestTally, status: number): void {
    if (tally.operationType !== undefined) {
      span.updateName(tally.operationName ? `${tally.operationType} ${tally.operationName}` : tally.operationType);
      span.setAttribute('graphql.operation.type', tally.operationType);
      if (tally.operationName) span.setAttribute('graphql.operation.name', tally.operationName);
    }
    span.setAttributes({ 'http.response.status_code': status, 'payments.sessions_asked': tally.sessionsAsked });
    if (tally.errorCodes.length > 0) span.setAttribute('payments.error_codes', [...new Set(tally.errorCodes)]);
    if (status >= 500 || tally.errorCodes.length > 0) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }
}
