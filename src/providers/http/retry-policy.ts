import type { IncomingHttpHeaders } from 'undici/types/header.js';

export interface RetryOptions {
  /** Attempts after the first; 0 turns retrying off. */
  maxRetries: number;
  /** Backoff before the first retry, doubled for each one after it. */
  baseDelayMs: number;
  /** Ceiling of the backoff, and the longest `Retry-After` waited for. */
  maxDelayMs: number;
}

/** What one attempt came to, as far as retrying cares. */
export type AttemptVerdict =
  | { kind: 'answered'; status: number; headers: IncomingHttpHeaders }
  | { kind: 'timeout' }
  | { kind: 'network' };

const retryableStatuses = new Set([409, 429, 500, 502, 503, 504]);

/**
 * These calls are idempotent GETs, so a transport failure is always worth another try.
 * The provider's own should-retry header (`shouldRetryHeader`, e.g. Stripe's
 * `Stripe-Should-Retry`), when it sends one, outranks the status code.
 */
export function isRetryable(verdict: AttemptVerdict, shouldRetryHeader?: string): boolean {
  if (verdict.kind !== 'answered') return true;
  const providerSays = shouldRetryHeader === undefined ? undefined : headerValue(verdict.headers, shouldRetryHeader);
  if (providerSays === 'true') return true;
  if (providerSays === 'false') return false;
  return retryableStatuses.has(verdict.status);
}

/**
 * Milliseconds to wait before retry number `retry` (1-based): the provider's `Retry-After`
 * when it sent one, else exponential backoff with full jitter. Undefined when the
 * provider asked for a longer pause than `maxDelayMs`: then the caller stops and passes
 * the provider's wish on instead.
 */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  options: RetryOptions,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs <= options.maxDelayMs ? retryAfterMs : undefined;
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as delay-seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
  const value = headerValue(headers, 'retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
