import { describe, expect, it } from 'vitest';
import { readStripeRateLimited, stripeRateLimits } from '../../../../src/providers/stripe/rate-limits.js';

const answer = (headers: Record<string, string>, body: unknown = { error: { type: 'rate_limit_error', code: 'rate_limit' } }) => ({
  header: (name: string) => headers[name],
  body,
});

describe("reading Stripe's 429s", () => {
  // docs.stripe.com/rate-limits: the reasons Stripe-Rate-Limited-Reason names, and what each asks for.
  it.each([
    ['endpoint-rate', { slow: 'rate', scope: 'endpoint', reason: 'endpoint-rate' }],
    ['global-rate', { slow: 'rate', scope: 'global', reason: 'global-rate' }],
    ['resource-specific', { slow: 'rate', scope: 'endpoint', reason: 'resource-specific' }],
    ['endpoint-concurrency', { slow: 'concurrency', scope: 'endpoint', reason: 'endpoint-concurrency' }],
    ['global-concurrency', { slow: 'concurrency', scope: 'global', reason: 'global-concurrency' }],
    ['Endpoint-Rate ', { slow: 'rate', scope: 'endpoint', reason: 'endpoint-rate' }],
  ])('reads Stripe-Rate-Limited-Reason: %s', (reason, signal) => {
    expect(readStripeRateLimited(answer({ 'stripe-rate-limited-reason': reason }))).toEqual(signal);
  });

  it('slows the account as a whole for a 429 without the header, or with a reason Stripe adds later', () => {
    expect(readStripeRateLimited(answer({}))).toEqual({ slow: 'rate', scope: 'global', reason: 'unspecified' });
    expect(readStripeRateLimited(answer({ 'stripe-rate-limited-reason': 'weekly-quota' }))).toEqual({ slow: 'rate', scope: 'global', reason: 'other' });
  });

  it('reads code lock_timeout as one locked object, retried without a slowdown, whatever the header says', () => {
    const locked = { error: { type: 'invalid_request_error', code: 'lock_timeout', message: 'This object cannot be accessed right now' } };
    expect(readStripeRateLimited(answer({}, locked))).toEqual({ slow: 'nothing', reason: 'lock_timeout' });
    expect(readStripeRateLimited(answer({ 'stripe-rate-limited-reason': 'endpoint-rate' }, locked))).toEqual({ slow: 'nothing', reason: 'lock_timeout' });
  });

  it('declares Stripe’s documented limits: 25 calls/s per endpoint in both modes, 100 for a live account and 25 for a test one', () => {
    const endpoints = { '/v1/checkout/sessions/{id}': 25, '/v1/checkout/sessions/{id}/line_items': 25, '/v1/refunds': 25 };
    expect(stripeRateLimits('sk_live_abc')).toMatchObject({ documentedGlobalPerSecond: 100, endpoints });
    expect(stripeRateLimits('rk_live_abc')).toMatchObject({ documentedGlobalPerSecond: 100, endpoints });
    expect(stripeRateLimits('sk_test_abc')).toMatchObject({ documentedGlobalPerSecond: 25, endpoints });
  });
});
