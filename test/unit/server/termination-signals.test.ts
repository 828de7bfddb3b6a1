import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stopOnTerminationSignals } from '../../../src/server/termination-signals.js';

/** A process stand-in: signals are emitted by the test, exits and log lines are recorded. */
function fakeProcess(close: () => Promise<void>, graceMs = 10_000) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const messages: string[] = [];
  const logger = pino({ base: undefined }, { write: (line: string) => messages.push(JSON.parse(line).msg) });
  stopOnTerminationSignals({ close, graceMs, logger, signals: signals as unknown as NodeJS.Process, exit: (status) => exits.push(status) });
  return { send: (signal: NodeJS.Signals) => signals.emit(signal, signal), exits, messages };
}

const never = () => new Promise<void>(() => {});

describe('stopping on SIGINT and SIGTERM', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('closes, logs "stopped" and exits 0 once closing is done', async () => {
    let finishClosing = () => {};
    const stopping = fakeProcess(() => new Promise<void>((resolve) => (finishClosing = resolve)));

    stopping.send('SIGTERM');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stopping.exits).toEqual([]);
    finishClosing();
    await vi.advanceTimersByTimeAsync(0);

    expect(stopping.exits).toEqual([0]);
    expect(stopping.messages).toEqual(['shutting down: finishing requests in flight', 'stopped']);
  });

  it('exits 1 when closing hangs for SHUTDOWN_TIMEOUT_MS plus 5 seconds, and not before', async () => {
    const stopping = fakeProcess(never, 10_000);

    stopping.send('SIGINT');
    await vi.advanceTimersByTimeAsync(14_999);
    expect(stopping.exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);

    expect(stopping.exits).toEqual([1]);
    expect(stopping.messages).not.toContain('stopped');
  });

  it.each<[NodeJS.Signals, number]>([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])('exits at once on a second %s while closing, with status %i', async (signal, status) => {
    const stopping = fakeProcess(never);

    stopping.send(signal);
    await vi.advanceTimersByTimeAsync(1_000);
    stopping.send(signal);

    expect(stopping.exits).toEqual([status]);
  });

  it('takes npm passing on the same Ctrl-C within milliseconds as one press, not two', async () => {
    const stopping = fakeProcess(never);

    stopping.send('SIGINT');
    await vi.advanceTimersByTimeAsync(5);
    stopping.send('SIGINT');
    await vi.advanceTimersByTimeAsync(1_000);

    expect(stopping.exits).toEqual([]);
  });

  it('exits 1 when closing fails', async () => {
    const stopping = fakeProcess(() => Promise.reject(new Error('pool would not close')));

    stopping.send('SIGTERM');
    await vi.advanceTimersByTimeAsync(0);

    expect(stopping.exits).toEqual([1]);
  });
});
