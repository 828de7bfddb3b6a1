import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { newRequestTally, type RequestTally } from '../request-tally.js';
import { subscriptionInSearch, type EventStreamHandler } from '../subscriptions/sse-transport.js';
import { HttpError } from './http-error.js';
import { sendJson } from './json-response.js';
import { readRequestBody, RequestBodyError, type RequestBodies } from './request-bodies.js';

/** The metrics Prometheus scrapes, in its text format. */
export interface MetricsSource {
  scrape(): Promise<string>;
  contentType: string;
}

/** Wraps the handling of each request that is not a probe or a scrape (ids, request log, span). */
export interface RequestRecorder {
  record(
    request: IncomingMessage,
    response: ServerResponse,
    route: string,
    handle: (tally: RequestTally) => Promise<void>,
  ): Promise<void>;
}

export interface HttpServerOptions {
  /** Queries and mutations at `/graphql`, once CORS and the router secret are passed. */
  graphql: GraphQLRoute;
  /** Reads subscription request bodies (SSE); GraphQL and the webhooks share it, so the cap on bodies read at once covers all. */
  bodies: RequestBodies;
  timeouts: ServerTimeouts;
  corsOrigins: readonly string[];
  /** When set, GraphQL requests must carry it in the `Router-Secret` header. */
  routerSecret?: string | undefined;
  /** `POST /graphql` with `Accept: text/event-stream`: subscriptions over SSE. */
  eventStream?: EventStreamHandler;
  /** Further routes by exact path, each answering for itself (the webhooks). */
  routes?: ReadonlyMap<string, RequestHandler>;
  /** `/ready`: a probe, answered like `/health` without a request log line. */
  readiness?: (request: IncomingMessage, response: ServerResponse) => void;
  /** Served at `GET /metrics`, as open as `/health`; leave unset when metrics have a port of their own. */
  metrics?: MetricsSource | undefined;
  requests?: RequestRecorder;
  /** Where a failed request or scrape is logged. */
  logger: Logger;
}

/** How long a client may take, in milliseconds (see `Config['server']`). */
export interface ServerTimeouts {
  headersMs: number;
  requestMs: number;
  idleMs: number;
  keepAliveMs: number;
}

/** How often Node checks requests against the headers and request timeouts; its default, 30 s, would let a 10 s timeout run to 40 s. */
const timeoutCheckIntervalMs = 1000;

export type RequestHandler = (request: IncomingMessage, response: ServerResponse, tally: RequestTally) => Promise<void>;

/** A query or mutation over `GET`/`POST /graphql`; `search` is the request's query string. */
export type GraphQLRoute = (request: IncomingMessage, response: ServerResponse, search: string, tally: RequestTally) => Promise<void>;

const corsAllowedHeaders = [
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'router-secret',
].join(', ');

const unrecorded: RequestRecorder = { record: (_request, _response, _route, handle) => handle(newRequestTally('')) };

/** The HTTP face of the subgraph: `/graphql`, `/health`, `/ready`, `/metrics`, CORS, the router secret and body limits. */
export function createHttpServer(options: HttpServerOptions): Server {
  const isRouter = routerSecretCheck(options.routerSecret);
  const requests = options.requests ?? unrecorded;
  const { timeouts, logger } = options;
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = requestUrl(request);
    if (isRead(request) && url.pathname === '/health') {
      sendJson(response, 200, { status: 'ok' });
      return;
    }
    if (url.pathname === '/ready' && options.readiness) {
      options.readiness(request, response);
      return;
    }
    if (isRead(request) && url.pathname === '/metrics' && options.metrics) {
      serveMetrics(options.metrics, response, logger);
      return;
    }
    // The route as the request log names it: a path no route serves is not repeated.
    const routeName = isGraphQLPath(url.pathname) || options.routes?.has(url.pathname) ? url.pathname : 'unknown';
    void requests.record(request, response, routeName, (tally) => {
      // A response closed before it was written: the client went away, and calls only it waits for are not made.
      response.once('close', () => {
        if (!response.writableFinished) tally.clientGone = true;
      });
      return route(options, isRouter, request, response, url, tally).catch((error: unknown) => answerFailure(error, request, response, tally, logger));
    });
  };
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: timeoutCheckIntervalMs,
    },
    handle,
  );
  // Nothing read or written for this long, in the middle of a response too: the socket is destroyed.
  server.timeout = timeouts.idleMs;
  return server;
}

/** Client mistakes get their status and message; a client gone mid-request is no failure; anything else is a bug, logged. */
function answerFailure(error: unknown, request: IncomingMessage, response: ServerResponse, tally: RequestTally, logger: Logger): void {
  if (request.destroyed && !request.complete) {
    logger.debug({ requestId: tally.requestId }, 'client went away before its request was read');
    return;
  }
  const known = error instanceof HttpError || error instanceof RequestBodyError;
  if (!known) logger.error({ requestId: tally.requestId, err: error }, 'request failed');
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof RequestBodyError) for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  sendJson(response, known ? error.status : 500, { errors: [{ message: known ? error.message : 'Internal server error' }] });
}

/** Metrics alone on a port of their own (`METRICS_PORT`), `GET /metrics`. */
export function createMetricsServer(metrics: MetricsSource, logger: Logger): Server {
  return createServer((request, response) => {
    const url = requestUrl(request);
    if (isRead(request) && url.pathname === '/metrics') serveMetrics(metrics, response, logger);
    else sendJson(response, 404, { error: 'Metrics are served at GET /metrics' });
  });
}

function serveMetrics(metrics: MetricsSource, response: ServerResponse, logger: Logger): void {
  metrics.scrape().then(
    (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
    (error: unknown) => {
      logger.error({ err: error }, 'metrics could not be collected');
      sendJson(response, 500, { error: 'Metrics could not be collected' });
    },
  );
}

/**
 * The request's path and query. The target is read as a path even when it starts with
 * `//`, which `new URL` would take for a host (`//x/metrics` would be `/metrics` of host
 * `x`), so a proxy's rule by path prefix means what it says.
 */
function requestUrl(request: IncomingMessage): URL {
  const target = request.url ?? '/';
  return new URL(target.startsWith('/') ? `http://subgraph.invalid${target}` : target, 'http://subgraph.invalid');
}

function isRead(request: IncomingMessage): boolean {
  return request.method === 'GET' || request.method === 'HEAD';
}

function isGraphQLPath(path: string): boolean {
  return path === '/graphql' || path === '/';
}

async function route(
  options: HttpServerOptions,
  isRouter: (header: unknown) => boolean,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  tally: RequestTally,
): Promise<void> {
  if (isGraphQLPath(url.pathname)) {
    applyCors(options.corsOrigins, request, response);
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    if (!isRouter(request.headers['router-secret'])) {
      throw new HttpError(401, 'This subgraph only serves its router: send the Router-Secret header');
    }
    if (options.eventStream && acceptsEventStream(request)) {
      if (request.method !== 'POST' && request.method !== 'GET') {
        throw new HttpError(405, 'Subscribe over SSE with GET or POST /graphql and Accept: text/event-stream');
      }
      const body = request.method === 'GET' ? subscriptionInSearch(url.searchParams) : await readRequestBody(request, options.bodies);
      await options.eventStream(request, response, body, tally);
      return;
    }
    await options.graphql(request, response, url.search, tally);
    return;
  }
  const handler = options.routes?.get(url.pathname);
  if (handler) {
    await handler(request, response, tally);
    return;
  }
  throw new HttpError(404, `No route for ${request.method} ${url.pathname}; GraphQL is served at /graphql`);
}

/** A client that lists `text/event-stream` among what it accepts wants the subscription's event stream. */
function acceptsEventStream(request: IncomingMessage): boolean {
  return (request.headers.accept ?? '').toLowerCase().includes('text/event-stream');
}

function applyCors(allowedOrigins: readonly string[], request: IncomingMessage, response: ServerResponse): void {
  const origin = request.headers.origin;
  response.setHeader('vary', 'origin');
  if (origin === undefined || !(allowedOrigins.includes(origin) || allowedOrigins.includes('*'))) return;
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  response.setHeader('access-control-allow-headers', corsAllowedHeaders);
  response.setHeader('access-control-max-age', '600');
}

/**
 * Whether a `Router-Secret` value is the router's (always, when no secret is set).
 * Compares in constant time: digests first, so not even the secret's length shows.
 */
export function routerSecretCheck(secret: string | undefined): (header: unknown) => boolean {
  if (secret === undefined) return () => true;
  const expected = createHash('sha256').update(secret).digest();
  return (header) => {
    if (typeof header !== 'string') return false;
    return timingSafeEqual(createHash('sha256').update(header).digest(), expected);
  };
}
