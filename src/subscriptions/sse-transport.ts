import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult } from 'graphql';
import { createHandler, type OperationArgs } from 'graphql-sse';
import { ShuttingDownError } from '../errors.js';
import type { RequestTally } from '../request-tally.js';
import type { ConnectionShare, SubscriptionAdmission } from './admission.js';
import type { SubscriptionOperations, SubscriptionRequest } from './subscription-operations.js';

/** `POST /graphql` with `Accept: text/event-stream`, its body already read and parsed. */
export type EventStreamHandler = (request: IncomingMessage, response: ServerResponse, body: unknown, tally: RequestTally) => Promise<void>;

export interface SseTransportOptions {
  operations: SubscriptionOperations;
  admission: SubscriptionAdmission;
  /** Between the adapter's keep-alive comments (graphql-sse adds its own every 12 s). */
  keepAliveMs: number;
  /** A write the client has not taken within this long closes the stream (a client that stopped reading). */
  writeStallMs?: number;
}

/** More than two of graphql-sse's own 12 s pings: a write pending this long is stalled. */
const defaultWriteStallMs = 30_000;
/** An SSE comment line: the client's parser skips it. */
const keepAliveComment = ':\n\n';

interface StreamRequestContext {
  connection: ConnectionShare;
  tally: RequestTally;
}

/**
 * GraphQL over SSE in the protocol's distinct-connections mode, the way Hive Gateway talks
 * to subgraphs: each subscription is one `POST` whose response is its event stream, `next`
 * events then one `complete`. graphql-sse speaks the protocol; this adapter refuses new
 * streams once the replica is stopping, pings every `keepAliveMs` (each completed write is
 * activity, so no idle timeout cuts a live stream) and closes a stream whose writes stall.
 */
export function createEventStreamHandler(options: SseTransportOptions): EventStreamHandler {
  const { operations, admission } = options;
  const writeStallMs = options.writeStallMs ?? defaultWriteStallMs;
  const handler = createHandler<IncomingMessage, StreamRequestContext>({
    // No stream tokens: single-connection mode stays off, every stream is its own connection.
    authenticate: () => null,
    onSubscribe: (request, params) => {
      const prepared = operations.prepare(params as SubscriptionRequest, request.context.connection, request.context.tally);
      // graphql-sse takes an object with `data` for a result to send as the stream's one event.
      if (Array.isArray(prepared)) return { data: null, errors: prepared } satisfies ExecutionResult;
      // The context is ours (a RequestContext); graphql-sse passes it through untouched.
      return prepared as OperationArgs;
    },
    // `prepare` validated the document against the schema and the query limits already.
    validate: () => [],
    subscribe: (args) => operations.subscribe(args),
    onNext: (_context, _request, result) => operations.format(result as ExecutionResult) as ExecutionResult,
  });

  return async (request, response, body, tally) => {
    if (admission.isStopping) return sendErrors(response, 503, new ShuttingDownError().message, 'SHUTTING_DOWN');
    if (typeof body !== 'object' || body === null) {
      return sendErrors(response, 415, 'Send the subscription as a JSON body (content-type: application/json)', 'BAD_REQUEST');
    }
    const [stream, init] = await handler({
      method: 'POST',
      url: request.url ?? '/graphql',
      headers: {
        // The request reached this handler because it accepts an event stream, whatever else it lists.
        get: (name) => (name === 'accept' ? 'text/event-stream' : name === 'content-type' ? 'application/json' : headerValue(request, name)),
      },
      body: body as Record<string, unknown>,
      raw: request,
      context: { connection: { open: 0 }, tally },
    });
    response.writeHead(init.status, init.statusText, init.headers);
    if (stream === null || typeof stream === 'string') {
      response.end(stream ?? undefined);
      return;
    }
    await writeEventStream(stream, response, { writeStallMs, keepAliveMs: options.keepAliveMs });
  };
}

/**
 * A subscription sent as `GET /graphql?query=...&variables=...`, as Hive Gateway sends
 * them: `variables` is JSON, left as sent when it is not, so the request's check names
 * the field.
 */
export function subscriptionInSearch(search: URLSearchParams): SubscriptionRequest {
  const json = (name: string) => {
    const text = search.get(name);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
  return { query: search.get('query') ?? undefined, operationName: search.get('operationName') ?? undefined, variables: json('variables') };
}

/**
 * Writes each event as the client takes it, and a keep-alive comment whenever the stream
 * has been quiet for `keepAliveMs`; a client gone, or a write it has not taken within
 * `writeStallMs`, ends the subscription.
 */
export async function writeEventStream(
  events: AsyncGenerator<string, void, undefined>,
  response: ServerResponse,
  timing: { writeStallMs: number; keepAliveMs: number },
): Promise<void> {
  let writing: Promise<boolean> = Promise.resolve(true);
  const write = (chunk: string) => (writing = writing.then((ok) => ok && writeWithin(response, chunk, timing.writeStallMs)));
  const stop = () => void events.return(undefined);
  const pinger = setInterval(() => {
    void write(keepAliveComment).then((ok) => {
      if (!ok) fail();
    });
  }, timing.keepAliveMs);
  const fail = () => {
    clearInterval(pinger);
    response.destroy();
  };
  response.once('close', stop);
  try {
    for await (const chunk of events) {
      if (!(await write(chunk))) {
        fail();
        break;
      }
    }
  } finally {
    clearInterval(pinger);
    response.off('close', stop);
  }
  if (!response.destroyed) response.end();
}

function writeWithin(response: ServerResponse, chunk: string, writeStallMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (!response.writable) {
      resolve(false);
      return;
    }
    const stalled = setTimeout(() => resolve(false), writeStallMs);
    response.write(chunk, (error) => {
      clearTimeout(stalled);
      resolve(!error);
    });
  });
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function sendErrors(response: ServerResponse, status: number, message: string, code: string): void {
  response
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    .end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
