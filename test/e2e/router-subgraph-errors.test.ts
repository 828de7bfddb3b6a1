import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convergeGateCompletedId } from '../../src/providers/convergegate/emulator/sessions.js';
import { useHarness, type GraphQLResult } from '../support/harness.js';
import { errorSentToClient, readRouterConfig, type RouterConfig } from '../support/router-config.js';

const routerConfigPath = path.resolve(import.meta.dirname, '../../deploy/router.yaml');

describe('deploy/router.yaml and the payments subgraph\'s errors', () => {
  // Converge Gate unconfigured, for PROVIDER_NOT_CONFIGURED; a breaker that opens on the first call that finds
  // Stripe unavailable and stays open, so the next call shows the open circuit's `retryAfter`.
  const harness = useHarness({
    CONVERGEGATE_SECRET_KEY: '',
    PROVIDER_MAX_RETRIES: '0',
    PROVIDER_BREAKER_MIN_CALLS: '1',
    PROVIDER_BREAKER_FAILURE_RATE: '0.1',
    PROVIDER_BREAKER_COOLDOWN_MS: '600000',
    MAX_QUERY_DEPTH: '2',
  });
  const routerConfig = (): RouterConfig => readRouterConfig(routerConfigPath, { ROUTER_SECRET: 'router_0123456789abcdef' });
  const stripeId = (label: string) => `cs_test_routerErrors${label}`;
  const sessionQuery = (id: string) => `{ checkoutSession(id: "${id}") { id status } }`;

  /** Every error of the subgraph's own answers to a few failing requests, one of each kind a client can meet. */
  async function errorsOfEveryKind(): Promise<Array<NonNullable<GraphQLResult['errors']>[number]>> {
    for (const label of ['Refused', 'AuthFailed', 'BadBody', 'RateLimited', 'Outage', 'WhileOpen']) {
      harness.emulator.putStripeSession({ id: stripeId(label), object: 'checkout.session', status: 'complete' });
    }
    harness.emulator.injectFault(stripeId('Refused'), {
      kind: 'status',
      status: 400,
      headers: { 'request-id': 'req_routerErrors400' },
      body: JSON.stringify({ error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such checkout.session', param: 'id' } }),
    });
    harness.emulator.injectFault(stripeId('AuthFailed'), { kind: 'status', status: 401, body: JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }) });
    harness.emulator.injectFault(stripeId('BadBody'), { kind: 'body', body: '<html>Bad gateway</html>', contentType: 'text/html' });
    harness.emulator.injectFault(stripeId('RateLimited'), { kind: 'status', status: 429, headers: { 'retry-after': '3600' } });
    const answers = [
      await harness.query(sessionQuery(stripeId('NeverCreated'))),
      await harness.query(sessionQuery('not a session id')),
      await harness.query('{ checkoutSession(id: "cs_test_x") { amountTotal { amount } } }'),
      await harness.query('query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }', {
        representations: [{ __typename: 'Invoice', id: 'in_1' }],
      }),
      await harness.query(sessionQuery(convergeGateCompletedId)),
      await harness.query(sessionQuery(stripeId('Refused'))),
      await harness.query(sessionQuery(stripeId('AuthFailed'))),
      await harness.query(sessionQuery(stripeId('BadBody'))),
      await harness.query(sessionQuery(stripeId('RateLimited'))),
    ];
    harness.emulator.injectFault(stripeId('Outage'), { kind: 'status', status: 503 });
    answers.push(await harness.query(sessionQuery(stripeId('Outage'))));
    answers.push(await harness.query(sessionQuery(stripeId('WhileOpen'))));
    return answers.flatMap((answer) => answer.errors ?? []);
  }

  it('passes every error the running subgraph sends, its message and every extension key, to the client', async () => {
    const errors = await errorsOfEveryKind();

    expect(errors.map((error) => error.extensions?.code)).toEqual([
      'NOT_FOUND',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'PROVIDER_NOT_CONFIGURED',
      'PROVIDER_ERROR',
      'PROVIDER_AUTH_FAILED',
      'PROVIDER_BAD_RESPONSE',
      'RATE_LIMITED',
      'PROVIDER_UNAVAILABLE',
      'PROVIDER_UNAVAILABLE',
    ]);
    expect(errors.at(-2)?.extensions).not.toHaveProperty('retryAfter');
    expect(errors.at(-1)?.extensions).toMatchObject({ provider: 'Stripe', retryAfter: expect.any(Number) });
    expect(errors[5]?.extensions).toMatchObject({ status: 400, providerErrorType: 'invalid_request_error', requestId: 'req_routerErrors400' });
    for (const error of errors) {
      const { message, extensions } = error;
      expect(errorSentToClient(routerConfig(), 'payments', { message, extensions }), message).toEqual({ message, extensions });
    }
  });
});

