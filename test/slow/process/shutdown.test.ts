import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stripeCompletePaidId, stripeExpiredId, stripeSeedExampleId } from '../../../src/providers/stripe/emulator/sessions.js';
import { ProviderEmulator } from '../../../src/emulator/server.js';
import { postGraphQL } from '../../support/harness.js';
import { compiledSubgraph, startSubgraphProcess, type SubgraphProcess } from '../../support/subgraph-process.js';

const stripeKey = `sk_test_${randomBytes(12).toString('hex')}`;
const seedQuery = `{ checkoutSession(id: "${stripeSeedExampleId}") { id amountTotal { amount currency } } }`;
// The README's example session: 21.98 USD.
const seedAnswer = { checkoutSession: { id: stripeSeedExampleId, amountTotal: { amount: 2198, currency: 'USD' } } };

const build = compiledSubgraph();
let emulator: ProviderEmulator;
const running: SubgraphProcess[] = [];

beforeAll(async () => {
  emulator = await ProviderEmulator.start({ stripeSecretKey: stripeKey });
});
afterAll(async () => {
  for (const subgraph of running) subgraph.kill('SIGKILL');
  await emulator?.close();
});
beforeEach(() => {
  emulator.clearFaults();
  emulator.resetCalls();
});

type Mode = 'sandbox' | 'configured';

async function start(mode: Mode, environment: Record<string, string> = {}): Promise<{ subgraph: SubgraphProcess; graphqlUrl: string }> {
  const keys: Record<string, string> = mode === 'configured' ? { STRIPE_SECRET_KEY: stripeKey, STRIPE_API_URL: emulator.url } : {};
  const subgraph = startSubgraphProcess(build, { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...keys, ...environment });
  running.push(subgraph);
  return { subgraph, graphqlUrl: await subgraph.ready() };
}

/** A POST whose body arrives in two parts: in flight at the subgraph from its first bytes until `finish()`. */
function uploadSlowly(graphqlUrl: string, query: string) {
  const text = JSON.stringify({ query });
  const half = Math.floor(text.length / 2);
  const body = new PassThrough();
  body.write(text.slice(0, half));
  const answer = request(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
    async (response) => ({ status: response.statusCode, ...((await response.body.json()) as { data?: unknown }) }),
  );
  return { answer, finish: () => body.end(text.slice(half)) };
}

const logged = (subgraph: SubgraphProcess, message: string) => subgraph.stdout().includes(`"msg":"${message}"`);

describe.each<Mode>(['sandbox', 'configured'])('the compiled subgraph in %s mode, run without NODE_ENV', (mode) => {
  it.each<NodeJS.Signals>(['SIGINT', 'SIGTERM'])('stops when idle on %s: logs "stopped" and exits 0', async (signal) => {
    const { subgraph } = await start(mode);

    subgraph.kill(signal);

    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
    expect(logged(subgraph, 'shutting down: finishing requests in flight')).toBe(true);
    expect(logged(subgraph, 'stopped')).toBe(true);
  });

  it.each<NodeJS.Signals>(['SIGINT', 'SIGTERM'])('on %s lets a request in flight complete, then exits 0', async (signal) => {
    const { subgraph, graphqlUrl } = await start(mode);
    const upload = uploadSlowly(graphqlUrl, seedQuery);
    // Answered on a second connection: by then the subgraph has read the first part of the upload.
    await request(graphqlUrl.replace('/graphql', '/health')).then((response) => response.body.dump());

    subgraph.kill(signal);
    await subgraph.waitForOutput('shutting down');
    upload.finish();

    expect(await upload.answer).toEqual({ status: 200, data: seedAnswer });
    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
    expect(logged(subgraph, 'stopped')).toBe(true);
  });
});

describe('the compiled subgraph behind a load balancer', () => {
  it('on SIGTERM fails /ready at once, keeps serving for SHUTDOWN_READINESS_DELAY_MS, then stops and exits 0', async () => {
    const { subgraph, graphqlUrl } = await start('configured', { SHUTDOWN_READINESS_DELAY_MS: '1500' });
    const readyUrl = graphqlUrl.replace('/graphql', '/ready');
    expect((await request(readyUrl)).statusCode).toBe(200);

    subgraph.kill('SIGTERM');
    await subgraph.waitForOutput('shutting down');

    const ready = await request(readyUrl);
    expect({ status: ready.statusCode, body: await ready.body.json() }).toMatchObject({
      status: 503,
      body: { status: 'not ready', reason: 'shutting down' },
    });
    expect((await postGraphQL(graphqlUrl, { query: seedQuery })).data).toEqual(seedAnswer);
    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
    expect(logged(subgraph, 'stopped')).toBe(true);
  });
});

describe('the compiled subgraph draining slowly', () => {
  it.each<[NodeJS.Signals, number]>([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])('exits at once with a second %s, with status %i, without waiting for the drain', async (signal, status) => {
    const { subgraph, graphqlUrl } = await start('configured', { SHUTDOWN_TIMEOUT_MS: '60000', PROVIDER_TIMEOUT_MS: '60000' });
    emulator.injectFault(stripeSeedExampleId, { kind: 'hang' });
    const hung = postGraphQL(graphqlUrl, { query: seedQuery }).catch((error: Error) => error);
    while (emulator.countCalls() < 1) await delay(10);

    subgraph.kill(signal);
    await subgraph.waitForOutput('shutting down');
    // A moment later, as a person presses Ctrl-C again (npm's echo of the first comes within milliseconds).
    await delay(400);
    subgraph.kill(signal);

    expect(await subgraph.exited).toEqual({ code: status, signal: null });
    expect(await hung).toBeInstanceOf(Error);
    expect(logged(subgraph, 'stopped')).toBe(false);
  });
});

describe('the compiled subgraph with a key and a router secret', () => {
  const routerSecret = `router_${randomBytes(12).toString('hex')}`;
  const customerEmail = 'jenny.rosen@example.com';
  let subgraph: SubgraphProcess;
  let graphqlUrl: string;

  beforeAll(async () => {
    ({ subgraph, graphqlUrl } = await start('configured', {
      LOG_LEVEL: 'trace',
      ROUTER_SECRET: routerSecret,
      PROVIDER_TIMEOUT_MS: '20000',
      PROVIDER_MAX_RETRIES: '1',
      PROVIDER_RETRY_BASE_DELAY_MS: '5',
      SHUTDOWN_TIMEOUT_MS: '1500',
    }));
  }, 20_000);

  const query = (id: string, fields = 'id') =>
    postGraphQL(graphqlUrl, { query: `{ checkoutSession(id: "${id}") { ${fields} } }` }, { 'router-secret': routerSecret });

  it('logs, even at trace level, no key, router secret or customer email, whatever the provider does', async () => {
    const served = await query(stripeCompletePaidId, 'id customer { email }');
    expect(served.data?.checkoutSession.customer.email).toBe(customerEmail);

    emulator.injectFault(stripeExpiredId, {
      kind: 'status',
      status: 400,
      body: JSON.stringify({ error: { type: 'invalid_request_error', message: `Key ${stripeKey} for ${customerEmail}` } }),
    });
    await query(stripeExpiredId);
    emulator.injectFault(stripeExpiredId, { kind: 'status', status: 401 });
    await query(stripeExpiredId);
    emulator.injectFault(stripeExpiredId, { kind: 'reset' });
    await query(stripeExpiredId);
    await postGraphQL(graphqlUrl, { query: '{ __typename }' }, { 'router-secret': 'wrong' });
    emulator.clearFaults();

    const output = subgraph.stdout() + subgraph.stderr();
    expect(output).toContain('provider call');
    expect(output).not.toContain(stripeKey);
    expect(output).not.toContain(routerSecret);
    expect(output).not.toContain(customerEmail);
    expect(output).not.toContain(Buffer.from(`${stripeKey}:`).toString('base64'));
  });

  it('on SIGTERM stops accepting, finishes requests in flight, cuts off a hung one at the grace period, logs "stopped" and exits 0', async () => {
    emulator.injectFault(stripeSeedExampleId, { kind: 'delay', ms: 600 });
    emulator.injectFault(stripeExpiredId, { kind: 'hang' });
    const slow = query(stripeSeedExampleId);
    const hung = query(stripeExpiredId).catch((error: Error) => error);
    while (emulator.countCalls() < 2) await delay(10);

    const signalledAt = performance.now();
    subgraph.kill('SIGTERM');
    await subgraph.waitForOutput('shutting down');
    const refused = await request(graphqlUrl.replace('/graphql', '/health')).then(
      () => false,
      () => true,
    );

    expect(refused).toBe(true);
    expect((await slow).data).toEqual({ checkoutSession: { id: stripeSeedExampleId } });
    expect(await hung).toBeInstanceOf(Error);
    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
    // Bounded by SHUTDOWN_TIMEOUT_MS (1.5 s), not by the 20 s provider deadline.
    expect(performance.now() - signalledAt).toBeLessThan(6_000);
    expect(logged(subgraph, 'stopped')).toBe(true);
  });
});
