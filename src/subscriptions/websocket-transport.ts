import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { FormattedExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { TooManySubscriptionsError } from '../errors.js';
import { RepeatableLog } from '../logger.js';
import { newRequestTally } from '../request-tally.js';
import type { ConnectionShare, SubscriptionAdmission } from './admission.js';
import type { SubscriptionOperations } from './subscription-operations.js';
import { guardWebSocket } from './websocket-guard.js';

export interface WebSocketTransportOptions {
  server: Server;
  operations: SubscriptionOperations;
  admission: SubscriptionAdmission;
  /** True when the upgrade's `Router-Secret` header, or the `connection_init` payload's, is the router's. */
  isRouter: (secret: unknown) => boolean;
  /** Largest message a client may send. */
  maxPayloadBytes: number;
  /** Between pings; a client that has not answered one by the next is closed. */
  keepAliveMs: number;
  /** A socket with more than this many bytes waiting for its client to read them is closed (`SUBSCRIPTION_MAX_BUFFERED_BYTES`). */
  maxBufferedBytes: number;
  /** Bytes waiting this long without draining close the socket; 30 s by default, as SSE's stalled writes. */
  writeStallMs?: number;
  /** Told of sockets closed for a client that stopped reading or answering, at most once a minute. */
  logger: Logger;
}

export interface WebSocketTransport {
  /** Connections open now. */
  readonly connections: number;
  /** Waits (up to `graceMs`) until every subscription has sent its `complete`, then closes every socket with 1001. */
  close(graceMs: number): Promise<void>;
}

const graphqlPaths = new Set(['/graphql', '/']);
const defaultWriteStallMs = 30_000;
/**
 * Subscriptions one connection may start a second, however soon they end: admission counts
 * only open ones, and each started one costs a parse, a read and an event to send.
 */
export const subscriptionStartsPerSecond = 100;

/**
 * GraphQL over WebSocket, the `graphql-transport-ws` protocol of graphql-ws, on `/graphql`
 * beside the HTTP routes. graphql-ws speaks the protocol (and pings, closing a client that
 * stops answering); this adapter checks the router secret, refuses upgrades once the
 * replica is stopping, and counts each connection's subscriptions.
 */
export function attachWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const { server, operations, admission, isRouter } = options;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const shares = new WeakMap<object, ConnectionShare>();
  const starts = new WeakMap<object, StartRate>();
  const contexts = new Set<Context>();
  const closings = new RepeatableLog(options.logger);
  sockets.on('connection', (socket) =>
    guardWebSocket(socket, {
      keepAliveMs: options.keepAliveMs,
      maxBufferedBytes: options.maxBufferedBytes,
      writeStallMs: options.writeStallMs ?? defaultWriteStallMs,
      closed: (reason) => closings.log('warn', reason, { reason }, 'WebSocket closed: its client stopped reading or answering'),
    }),
  );

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://subgraph.invalid').pathname;
    if (!graphqlPaths.has(path)) return refuseUpgrade(socket, 404, 'WebSocket subscriptions are served at /graphql');
    if (admission.isStopping) return refuseUpgrade(socket, 503, 'This replica is shutting down');
    sockets.handleUpgrade(request, socket, head, (webSocket) => sockets.emit('connection', webSocket, request));
  });

  const disposable = useServer(
    {
      isProd: true,
      subscribe: (args) => operations.subscribe(args),
      onConnect: (context) => {
        const header = context.extra.request.headers['router-secret'];
        if (!isRouter(header) && !isRouter(routerSecretIn(context.connectionParams))) return false;
        contexts.add(context);
        shares.set(context, { open: 0 });
        starts.set(context, new StartRate(subscriptionStartsPerSecond));
        return true;
      },
      onClose: (context) => {
        contexts.delete(context);
      },
      onSubscribe: (context, _id, payload) => {
        if (starts.get(context)?.take() === false) return [TooManySubscriptionsError.startedTooFast(subscriptionStartsPerSecond)];
        const share = shares.get(context) ?? { open: 0 };
        return operations.prepare(payload, share, newRequestTally(''));
      },
      onNext: (_context, _id, _payload, _args, result): FormattedExecutionResult => operations.format(result),
    },
    sockets,
    // The guard pings, and counts only the answers to its own pings.
    0,
  );

  return {
    get connections() {
      return sockets.clients.size;
    },
    async close(graceMs) {
      const deadline = Date.now() + graceMs;
      while (Date.now() < deadline && [...contexts].some((context) => Object.keys(context.subscriptions).length > 0)) {
        await delay(10);
      }
      await disposable.dispose();
    },
  };
}

/** A bucket of `perSecond` starts, refilled continuously: a burst of that many, then that many a second. */
class StartRate {
  private tokens: number;
  private filledAt = performance.now();

  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.filledAt) / 1000) * this.perSecond);
    this.filledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** `connection_init`'s payload may carry the secret under the header's name, in any case. */
function routerSecretIn(params: Readonly<Record<string, unknown>> | undefined): unknown {
  if (!params) return undefined;
  const key = Object.keys(params).find((name) => name.toLowerCase() === 'router-secret');
  return key === undefined ? undefined : params[key];
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ errors: [{ message }] });
  socket.end(
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Service Unavailable'}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

