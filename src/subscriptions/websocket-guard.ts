import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';

export interface WebSocketGuardOptions {
  /** Between pings; a client that has not answered the last one by the next is closed. */
  keepAliveMs: number;
  /** More than this many bytes waiting for the client to read closes its socket at once. */
  maxBufferedBytes: number;
  /** Bytes waiting this long without the client taking them all close its socket. */
  writeStallMs: number;
  /** Told why a socket was closed. */
  closed(reason: string): void;
}

/** RFC 6455's "policy violation": the client broke the terms of the connection. */
export const policyViolationCloseCode = 1008;

/**
 * Watches one WebSocket for a client that stopped reading or answering. It pings the
 * client every `keepAliveMs` with a payload of its own, and closes the socket when the
 * pong to the last ping has not come by the next (an unsolicited pong, or one with another
 * payload, proves nothing). What the server sends waits in memory until the client reads
 * it: more than `maxBufferedBytes` waiting closes the socket at once, and bytes waiting for
 * `writeStallMs` without ever draining close it too. Its sockets are closed with 1008 and a
 * reason, then cut: a client that does not read would never take the closing frame.
 */
export function guardWebSocket(socket: WebSocket, options: WebSocketGuardOptions): void {
  let awaitedPong: Buffer | undefined;
  let waitingSince: number | undefined;
  const end = (reason: string) => {
    if (socket.readyState !== socket.OPEN) return;
    clearInterval(ticks);
    options.closed(reason);
    socket.close(policyViolationCloseCode, reason);
    socket.terminate();
  };
  const ticks = setInterval(() => {
    if (awaitedPong) return end('the client did not answer the last ping');
    if (socket.bufferedAmount > 0) {
      waitingSince ??= Date.now();
      if (Date.now() - waitingSince >= options.writeStallMs) return end('the client did not read what it was sent');
    } else {
      waitingSince = undefined;
    }
    awaitedPong = randomBytes(8);
    socket.ping(awaitedPong);
  }, options.keepAliveMs);
  ticks.unref();
  socket.on('pong', (payload: Buffer) => {
    if (awaitedPong?.equals(payload)) awaitedPong = undefined;
  });
  socket.once('close', () => clearInterval(ticks));

  const send = socket.send.bind(socket) as (...args: unknown[]) => void;
  socket.send = ((...args: unknown[]) => {
    send(...args);
    if (socket.bufferedAmount > options.maxBufferedBytes) end(`more than ${options.maxBufferedBytes} bytes wait for the client to read them`);
  }) as WebSocket['send'];
}
