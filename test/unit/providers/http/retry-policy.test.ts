import { describe, expect, it } from 'vitest';
import { isRetryable, parseRetryAfter, retryDelayMs } from '../../../../src/providers/http/retry-policy.js';

const answered = (status: number, headers: Record<string, string> = {}) => ({ kind: 'answered' as const, status, headers });
const options = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1000 };

describe('which provider answers are tried again', () => {
  it.each([409, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(isRetryable(answered(status))).toBe(true);
  });

  it.each([400, 401, 402, 403, 404, 424, 501])('never retries HTTP %i', (status) => {
    expect(isRetryable(answered(status))).toBe(false);
  });

  it('retries connection failures and timeouts of these idempotent GETs', () => {
    expect(isRetryable({ kind: 'network' })).toBe(true);
    expect(isRetryable({ kind: 'timeout' })).toBe(true);
  });

  it('lets Stripe-Should-Retry overrule the status either way', () => {
    expect(isRetryable(answered(400, { 'stripe-should-retry': 'true' }), 'stripe-should-retry')).toBe(true);
    expect(isRetryable(answered(503, { 'stripe-should-retry': 'false' }), 'stripe-should-retry')).toBe(false);
  });
});

describe('how long to wait before a retry', () => {
  it('draws the backoff from zero up to a ceiling that doubles each time (full jitter)', () => {
    expect(retryDelayMs(1, undefined, options, () => 0)).toBe(0);
    expect(retryDelayMs(1, undefined, options, () => 0.999)).toBe(99);
    expect(retryDelayMs(2, undefined, options, () => 0.999)).toBe(199);
    expect(retryDelayMs(3, undefined, options, () => 0.5)).toBe(200);
  });

  it('never backs off longer than the cap', () => {
    expect(retryDelayMs(10, undefined, options, () => 0.999)).toBe(999);
  });

  it('waits exactly as long as Retry-After asks when that is within the cap', () => {
    expect(retryDelayMs(1, 800, options, () => 0)).toBe(800);
  });

  it('gives up rather than retry early when Retry-After asks for longer than the cap', () => {
    expect(retryDelayMs(1, 5000, options)).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter({ 'retry-after': '3' }, now)).toBe(3000);
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }, now)).toBe(7000);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
  });
});
