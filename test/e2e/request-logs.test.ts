import { describe, expect, it } from 'vitest';
import { stripeCompletePaidId } from '../../src/providers/stripe/emulator/sessions.js';
import { postGraphQL, useHarness } from '../support/harness.js';
import { memoryLogger } from '../support/log-lines.js';

const sessionQuery = 'query SessionById($id: ID!) { checkoutSession(id: $id) { id status customer { email } } }';

describe('request logs', () => {
  const { logger, lines } = memoryLogger('debug');
  const harness = useHarness(
    { CACHE: 'on', PROVIDER_RETRY_BASE_DELAY_MS: '5', PROVIDER_RETRY_MAX_DELAY_MS: '20' },
    {},
    { logger },
  );

  const ask = (id: string, requestId?: string) =>
    postGraphQL(harness.graphqlUrl, { query: sessionQuery, variables: { id } }, requestId ? { 'x-request-id': requestId } : {});
  const linesOf = (requestId: string) => lines.filter((line) => line.requestId === requestId);
  const requestLine = (requestId: string) => linesOf(requestId).filter((line) => line.msg === 'request');
  const putSession = (id: string) => {
    harness.emulator.putStripeSession({ id, object: 'checkout.session', status: 'complete', payment_status: 'paid' });
    return id;
  };

  it('writes one info line per request with its id, operation, sessions asked, provider calls, duration and no error codes', async () => {
    const id = putSession('cs_test_logged0001');
    const answer = await ask(id, 'router-request-0001');
    expect(answer.headers['x-request-id']).toBe('router-request-0001');

    const [line, ...more] = requestLine('router-request-0001');
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 30,
      requestId: 'router-request-0001',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'SessionById',
      sessionsAsked: 1,
      providerCalls: 1,
      sharedReads: 0,
      errorCodes: [],
    });
    expect(line!.durationMs).toBeGreaterThan(0);
  });

  it('gives a request whose x-request-id is missing, too long or odd a new id, and echoes it back', async () => {
    const id = putSession('cs_test_loggedNewId0001');
    const echoedIds = new Set<string>();
    for (const sent of [undefined, 'a'.repeat(129), 'id with spaces', 'jenny.rosen@example.com']) {
      const answer = await ask(id, sent);
      const echoed = answer.headers['x-request-id'] as string;
      expect(echoed).toMatch(/^[0-9a-f]{12}-[0-9a-z]+$/);
      expect(echoed).not.toBe(sent);
      expect(requestLine(echoed)).toHaveLength(1);
      echoedIds.add(echoed);
    }
    expect(echoedIds.size).toBe(4);
  });

  it('carries the request id on every line of the request, the provider call line included, and lists its error codes', async () => {
    const id = putSession('cs_test_loggedDown0001');
    harness.emulator.injectFault(id, { kind: 'status', status: 503 });
    await ask(id, 'router-request-0002');

    const ofRequest = linesOf('router-request-0002');
    const providerCall = ofRequest.find((line) => line.msg === 'provider call');
    expect(providerCall).toMatchObject({
      level: 20,
      provider: 'Stripe',
      path: `/v1/checkout/sessions/${id}`,
      outcome: 'unavailable',
      status: 503,
      attempts: 3,
    });
    expect(requestLine('router-request-0002')[0]).toMatchObject({ providerCalls: 1, errorCodes: ['PROVIDER_UNAVAILABLE'] });
    // Every line written while the request was handled names it.
    const providerCallLines = lines.filter((line) => line.msg === 'provider call' && line.path === `/v1/checkout/sessions/${id}`);
    expect(providerCallLines.map((line) => line.requestId)).toEqual(['router-request-0002']);
  });

  it('logs a provider call shared by several requests once, with the id of the request that started it and how many joined', async () => {
    const id = putSession('cs_test_loggedShared0001');
    harness.emulator.injectFault(id, { kind: 'delay', ms: 150 });
    const requestIds = ['shared-read-1', 'shared-read-2', 'shared-read-3'];
    await Promise.all(requestIds.map((requestId) => ask(id, requestId)));

    const callLines = lines.filter((line) => line.msg === 'provider call' && line.path === `/v1/checkout/sessions/${id}`);
    expect(callLines).toHaveLength(1);
    const starter = callLines[0]!.requestId as string;
    expect(requestIds).toContain(starter);
    expect(callLines[0]!.joined).toBe(2);
    expect(requestLine(starter)[0]).toMatchObject({ providerCalls: 1, sharedReads: 0 });
    for (const joiner of requestIds.filter((requestId) => requestId !== starter)) {
      expect(requestLine(joiner)[0]).toMatchObject({ providerCalls: 0, sharedReads: 1 });
    }
  });

  it('never writes a key, a customer email or an IP address, even at debug', async () => {
    lines.length = 0;
    const answer = await ask(stripeCompletePaidId, 'router-request-0003');
    expect(answer.data?.checkoutSession.customer.email).toBe('jenny.rosen@example.com');
    await postGraphQL(harness.graphqlUrl, { query: '{ __typename }' }, { 'x-forwarded-for': '203.0.113.9' });

    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    expect(lines.filter((line) => line.msg === 'request')).toHaveLength(2);
    expect(text).not.toContain('jenny.rosen@example.com');
    expect(text).not.toContain(harness.emulator.stripeSecretKey);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain('203.0.113.9');
  });
});
