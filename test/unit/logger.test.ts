import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogOnce, RepeatableLog } from '../../src/logger.js';
import { memoryLogger } from '../support/log-lines.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the logger handed to each layer', () => {
  it('redacts a key in a child logger\'s lines as in its parent\'s', () => {
    const { logger, lines } = memoryLogger();
    logger.child({ transport: 'callback' }).info({ headers: { authorization: 'Basic c2tfbGl2ZV81MUhzZWNyZXQ6' }, secretKey: 'sk_live_51Hsecret' }, 'sent');
    expect(lines).toEqual([
      expect.objectContaining({ transport: 'callback', headers: { authorization: '[redacted]' }, secretKey: '[redacted]', msg: 'sent' }),
    ]);
  });
});

describe('LogOnce', () => {
  it('warns once per key, and a second one (another subgraph in the process) remembers nothing of the first', () => {
    const { logger, lines } = memoryLogger();
    const once = new LogOnce(logger);
    once.warn('stripe.status.paused', { provider: 'STRIPE', field: 'status', value: 'paused' }, 'unknown enum value mapped to UNKNOWN');
    once.warn('stripe.status.paused', { provider: 'STRIPE', field: 'status', value: 'paused' }, 'unknown enum value mapped to UNKNOWN');
    once.warn('stripe.mode.rental', { provider: 'STRIPE', field: 'mode', value: 'rental' }, 'unknown enum value mapped to UNKNOWN');
    new LogOnce(logger).warn('stripe.status.paused', { provider: 'STRIPE', field: 'status', value: 'paused' }, 'unknown enum value mapped to UNKNOWN');

    expect(lines.map(({ level, value, msg }) => ({ level, value, msg }))).toEqual([
      { level: 40, value: 'paused', msg: 'unknown enum value mapped to UNKNOWN' },
      { level: 40, value: 'rental', msg: 'unknown enum value mapped to UNKNOWN' },
      { level: 40, value: 'paused', msg: 'unknown enum value mapped to UNKNOWN' },
    ]);
  });
});

describe('RepeatableLog', () => {
  it('writes a repeated line at most once a minute, the next one saying in `repeated` how many were left out', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') });
    const { logger, lines } = memoryLogger();
    const repeatable = new RepeatableLog(logger);
    const reject = () => repeatable.log('warn', 'webhook-rejected Stripe bad signature', { provider: 'Stripe', reason: 'bad signature' }, 'webhook rejected');

    reject();
    for (let delivery = 0; delivery < 5; delivery += 1) reject();
    vi.advanceTimersByTime(59_000);
    reject();
    vi.advanceTimersByTime(1_000);
    reject();
    new RepeatableLog(logger).log('warn', 'webhook-rejected Stripe bad signature', { provider: 'Stripe', reason: 'bad signature' }, 'webhook rejected');

    expect(lines.map(({ level, msg, repeated }) => ({ level, msg, repeated }))).toEqual([
      { level: 40, msg: 'webhook rejected', repeated: undefined },
      { level: 40, msg: 'webhook rejected', repeated: 6 },
      { level: 40, msg: 'webhook rejected', repeated: undefined },
    ]);
  });
});
