import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { FormattedExecutionResult } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { newRequestTally } from '../request-tally.js';
import type { ConnectionShare, SubscriptionAdmission } from './admission.js';
import type { SubscriptionOperations } from './subscription-operations.js';

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
}

export interface WebSocketTransport {
  /** Connections open now. */
  readonly connections: number;
  /** Waits (up to `graceMs`) until every subscription has sent its `complete`, then closes every socket with 1001. */
  close(graceMs: number): Promise<void>;
}

const graphqlPaths = new Set(['/graphql', '/']);

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
  const contexts = new Set<Context>();

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
        return true;
      },
      onClose: (context) => {
        contexts.delete(context);
      },
      onSubscribe: (context, _id, payload) => {
        const share = shares.get(context) ?? { open: 0 };
        return operations.prepare(payload, share, newRequestTally(''));
      },
      onNext: (_context, _id, _payload, _args, result): FormattedExecutionResult => operations.format(result),
    },
    sockets,
    options.keepAliveMs,
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
