import { describe, expect, it } from 'vitest';
import { sanitizeProviderMessage } from '../../src/sanitize-text.js';

describe('provider error messages as clients see them', () => {
  it.each([
    ['a secret key', 'Invalid API Key provided: sk_live_51HabcDEF123', 'Invalid API Key provided: [redacted key]'],
    ['a masked key', 'Invalid API Key provided: sk_test_****4242', 'Invalid API Key provided: [redacted key]'],
    ['a webhook secret', 'bad signature for whsec_abc123', 'bad signature for [redacted key]'],
    ['credentials', 'header was Bearer c2tfdGVzdF8xMjM=', 'header was [redacted credentials]'],
    ['an email', "No customer 'jenny.rosen@example.com'", "No customer '[redacted email]'"],
    ['an IPv4 address', 'blocked 203.0.113.7 for abuse', 'blocked [redacted ip] for abuse'],
    ['an IPv6 address', 'blocked 2001:db8:0:0:1:0:0:1 now', 'blocked [redacted ip] now'],
    ['control characters', 'line one\r\nline two\u0000', 'line one line two'],
  ])('masks %s', (_case, message, expected) => {
    expect(sanitizeProviderMessage(message)).toBe(expected);
  });

  it('keeps ordinary messages as they are', () => {
    expect(sanitizeProviderMessage("No such checkout.session: 'cs_test_abc'")).toBe("No such checkout.session: 'cs_test_abc'");
  });

  it('caps the length', () => {
    expect(sanitizeProviderMessage('x'.repeat(1000))).toHaveLength(200);
  });
});
