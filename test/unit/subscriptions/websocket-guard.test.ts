import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { guardWebSocket } from '../../../src/subscriptions/websocket-guard.js';

/** A socket the guard can watch: it records pings and how it was closed, and holds what the test says is buffered. */
class RecordingSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  pings: Buffer[] = [];
  closedWith: [number, string] | undefined;
  terminated = false;
  ping(payload: Buffer) {
    this.pings.push(payload);
  }
  send(_data: string) {}
  close(code: number, reason: string) {
    this.closedWith = [code, reason];
    this.readyState = 2;
  }
  terminate() {
    this.terminated = true;
  }
}

describe('the guard of a WebSocket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const guarded = () => {
    const socket = new RecordingSocket();
    const reasons: string[] = [];
    guardWebSocket(socket as unknown as WebSocket, { keepAliveMs: 1_000, maxBufferedBytes: 100, writeStallMs: 3_000, closed: (reason) => reasons.push(reason) });
    return { socket, reasons };
  };

  it('keeps a socket whose client answers each ping with its own payload', () => {
    const { socket } = guarded();
    for (let tick = 0; tick < 5; tick += 1) {
      vi.advanceTimersByTime(1_000);
      socket.emit('pong', socket.pings.at(-1));
    }
    expect(socket.closedWith).toBeUndefined();
  });

  it('closes a socket whose bytes wait undrained for the stall bound, its client answering pings all the while', () => {
    const { socket, reasons } = guarded();
    socket.bufferedAmount = 50;
    for (let tick = 0; tick < 4; tick += 1) {
      vi.advanceTimersByTime(1_000);
      socket.emit('pong', socket.pings.at(-1));
    }
    expect(socket.closedWith).toEqual([1008, 'the client did not read what it was sent']);
    expect(socket.terminated).toBe(true);
    expect(reasons).toEqual(['the client did not read what it was sent']);
  });

  it('keeps a socket whose waiting bytes drain between ticks', () => {
    const { socket } = guarded();
    for (let tick = 0; tick < 6; tick += 1) {
      socket.bufferedAmount = tick % 2 === 0 ? 50 : 0;
      vi.advanceTimersByTime(1_000);
      socket.emit('pong', socket.pings.at(-1));
    }
    expect(socket.closedWith).toBeUndefined();
  });
});
