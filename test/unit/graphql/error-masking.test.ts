import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SessionNotFoundError } from '../../../src/errors.js';
import { unexpectedErrorMask } from '../../../src/graphql/error-masking.js';
import { memoryLogger } from '../../support/log-lines.js';

describe('unexpectedErrorMask', () => {
  it.each([
    ['NOT_FOUND', new SessionNotFoundError('cs_test_a1').toJSON()],
    ['RATE_LIMITED', { message: 'Stripe is rate limiting this subgraph: busy', extensions: { code: 'RATE_LIMITED', provider: 'Stripe', retryAfter: 2 } }],
    ['PROVIDER_BAD_RESPONSE', { message: 'Stripe sent a response that could not be read', extensions: { code: 'PROVIDER_BAD_RESPONSE', requestId: 'req_1' } }],
    ['BAD_USER_INPUT', { message: 'Variable "$id" got invalid value 1', path: ['checkoutSession'], extensions: { code: 'BAD_USER_INPUT' } }],
    ['GRAPHQL_VALIDATION_FAILED', { message: 'Cannot query field "amountTotl"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    ['BAD_REQUEST', { message: 'Send the subscription as a non-empty string in "query"', extensions: { code: 'BAD_REQUEST' } }],
  ])('passes an error coded %s unchanged, and logs nothing', (_code, error) => {
    const { logger, lines } = memoryLogger();
    expect(unexpectedErrorMask(logger)(error)).toBe(error);
    expect(lines).toEqual([]);
  });

  it.each([
    ['no code', undefined],
    ['INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR'],
    ['a code of no one\'s list', 'ERR_SOCKET_CLOSED'],
  ])('sends an error with %s as "Internal server error", INTERNAL_SERVER_ERROR, keeping where it happened', (_case, code) => {
    const { logger } = memoryLogger();
    const error = {
      message: 'connect ECONNREFUSED 10.0.0.7:5432 for jane@example.com',
      locations: [{ line: 1, column: 64 }],
      path: ['checkoutSessionUpdated', 'createdAt'],
      extensions: { ...(code ? { code } : {}), detail: 'internal' },
    };
    expect(unexpectedErrorMask(logger)(error)).toEqual({
      message: 'Internal server error',
      locations: [{ line: 1, column: 64 }],
      path: ['checkoutSessionUpdated', 'createdAt'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('logs the masked error\'s path, kind and code location, never its message', () => {
    const { logger, lines } = memoryLogger();
    const thrown = new TypeError('no card for jane@example.com with key sk_live_51Hsecret from 203.0.113.9');
    const located = new GraphQLError(thrown.message, { path: ['checkoutSession', 'customer'], originalError: thrown });
    unexpectedErrorMask(logger)(located.toJSON(), thrown);

    expect(lines).toHaveLength(1);
    const [fields] = lines;
    expect(fields).toMatchObject({ level: 50, msg: 'unexpected error in a resolver' });
    expect(fields).toMatchObject({ path: ['checkoutSession', 'customer'], errorType: 'TypeError' });
    expect((fields!.frames as string[])[0]).toMatch(/^at .*error-masking\.test\.ts/);
    const written = JSON.stringify(lines);
    for (const secret of ['jane@example.com', 'sk_live_51Hsecret', '203.0.113.9', 'no card']) expect(written).not.toContain(secret);
  });
});
