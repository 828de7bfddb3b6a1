import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeCompletePaidId, stripeExpiredId, stripeSeedExampleId } from '../src/emulator/data/stripe-sessions.js';
import { ProviderEmulator } from '../src/emulator/server.js';
import { postGraphQL } from './support/harness.js';

interface RunningProcess {
  child: ChildProcess;
  graphqlUrl: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
}

/** Starts `src/main.ts` in its own process (through tsx; `npm start` runs the same code compiled) and waits for its ready line. */
async function startProcess(environment: Record<string, string>): Promise<RunningProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'trace', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    atMs: performance.now(),
  }));
  for (let waited = 0; waited < 15_000; waited += 50) {
    const ready = /"url":"(http:\/\/[^"]+\/graphql)"/.exec(output);
    if (ready) return { child, graphqlUrl: ready[1]!, output: () => output, exited };
    if (child.exitCode !== null) break;
    await delay(50);
  }
  child.kill('SIGKILL');
  throw new Error(`the subgraph did not start:\n${output}`);
}

describe('the subgraph process', () => {
  const secretKey = `sk_test_${randomBytes(12).toString('hex')}`;
  const routerSecret = `router_${randomBytes(12).toString('hex')}`;
  const customerEmail = 'jenny.rosen@example.com';
  let emulator: ProviderEmulator;
  let subgraph: RunningProcess;

  beforeAll(async () => {
    emulator = await ProviderEmulator.start({ stripeSecretKey: secretKey });
    subgraph = await startProcess({
      STRIPE_SECRET_KEY: secretKey,
      STRIPE_API_URL: emulator.url,
      ROUTER_SECRET: routerSecret,
      PROVIDER_TIMEOUT_MS: '20000',
      PROVIDER_MAX_RETRIES: '1',
      PROVIDER_RETRY_BASE_DELAY_MS: '5',
      SHUTDOWN_TIMEOUT_MS: '1500',
    });
  }, 20_000);
  afterAll(async () => {
    if (subgraph.child.exitCode === null) subgraph.child.kill('SIGKILL');
    await emulator.close();
  });

  const query = (id: string, fields = 'id') =>
    postGraphQL(subgraph.graphqlUrl, { query: `{ checkoutSession(id: "${id}") { ${fields} } }` }, { 'router-secret': routerSecret });

  it('logs, even at trace level, no key, router secret or customer email, whatever the provider does', async () => {
    const served = await query(stripeCompletePaidId, 'id customer { email }');
    expect(served.data?.checkoutSession.customer.email).toBe(customerEmail);

    emulator.injectFault(stripeExpiredId, {
      kind: 'status',
      status: 400,
      body: JSON.stringify({ error: { type: 'invalid_request_error', message: `Key ${secretKey} for ${customerEmail}` } }),
    });
    await query(stripeExpiredId);
    emulator.injectFault(stripeExpiredId, { kind: 'status', status: 401 });
    await query(stripeExpiredId);
    emulator.injectFault(stripeExpiredId, { kind: 'reset' });
    await query(stripeExpiredId);
    await postGraphQL(subgraph.graphqlUrl, { query: '{ __typename }' }, { 'router-secret': 'wrong' });
    emulator.clearFaults();

    const output = subgraph.output();
    expect(output).toContain('provider call');
    expect(output).not.toContain(secretKey);
    expect(output).not.toContain(routerSecret);
    expect(output).not.toContain(customerEmail);
    expect(output).not.toContain(Buffer.from(`${secretKey}:`).toString('base64'));
  });

  it('on SIGTERM stops accepting, finishes requests in flight, cuts off a hung one at the grace period, and exits 0', async () => {
    emulator.injectFault(stripeSeedExampleId, { kind: 'delay', ms: 600 });
    emulator.injectFault(stripeExpiredId, { kind: 'hang' });
    emulator.resetCalls();
    const slow = query(stripeSeedExampleId);
    const hung = query(stripeExpiredId).catch((error: Error) => error);
    while (emulator.countCalls() < 2) await delay(10);

    const signalledAt = performance.now();
    subgraph.child.kill('SIGTERM');
    await delay(100);
    const refused = await request(subgraph.graphqlUrl.replace('/graphql', '/health')).then(
      () => false,
      () => true,
    );

    expect(refused).toBe(true);
    expect((await slow).data).toEqual({ checkoutSession: { id: stripeSeedExampleId } });
    expect(await hung).toBeInstanceOf(Error);
    const { code, atMs } = await subgraph.exited;
    expect(code).toBe(0);
    // Bounded by SHUTDOWN_TIMEOUT_MS (1.5 s), not by the 20 s provider deadline.
    expect(atMs - signalledAt).toBeLessThan(6_000);
    expect(subgraph.output()).toContain('shutting down');
  });
});
