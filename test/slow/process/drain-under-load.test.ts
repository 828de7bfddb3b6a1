import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderEmulator } from '../../../src/emulator/server.js';
import { postGraphQL, type GraphQLResult } from '../../support/harness.js';
import { callsFor, putOpenSessions } from '../../support/open-sessions.js';
import { compiledSubgraph, startSubgraphProcess, type SubgraphProcess } from '../../support/subgraph-process.js';

const stripeKey = `sk_test_${randomBytes(12).toString('hex')}`;
const build = compiledSubgraph();
let emulator: ProviderEmulator;
let subgraph: SubgraphProcess | undefined;

beforeAll(async () => {
  // Stripe's documented limits enforced: a call past them is answered 429.
  emulator = await ProviderEmulator.start({ stripeSecretKey: stripeKey, stripeRateLimits: 'documented' });
});
afterAll(async () => {
  subgraph?.kill('SIGKILL');
  await emulator?.close();
});

type Answer = GraphQLResult<{ checkoutSession: { id: string } | null }> | Error;

const ask = (graphqlUrl: string, id: string): Promise<Answer> =>
  postGraphQL<{ checkoutSession: { id: string } | null }>(graphqlUrl, { query: `{ checkoutSession(id: "${id}") { id } }` }).catch(
    (error: Error) => error,
  );

/** Its data, or RATE_LIMITED with a retryAfter: what every request waiting for the budget must get. */
function kindOf(answer: Answer, id: string): 'served' | 'refused' | string {
  if (answer instanceof Error) return `no HTTP answer (${answer.message})`;
  if (answer.status === 200 && answer.data?.checkoutSession?.id === id && answer.errors === undefined) return 'served';
  const [error] = answer.errors ?? [];
  const retryAfter = error?.extensions?.retryAfter;
  if (answer.status === 200 && error?.extensions?.code === 'RATE_LIMITED' && typeof retryAfter === 'number' && retryAfter >= 1) return 'refused';
  return `unexpected answer ${answer.status} ${answer.text}`;
}

describe('the compiled subgraph draining with its provider budget saturated', () => {
  it('on SIGTERM answers every request waiting for a turn, with its data or RATE_LIMITED and a retryAfter, before closing its sockets', async () => {
    subgraph = startSubgraphProcess(build, {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      STRIPE_SECRET_KEY: stripeKey,
      STRIPE_API_URL: emulator.url,
      // Two calls a second: twelve first asks fill the 5 s the queue may hold a call for.
      PROVIDER_RATE_LIMIT: '2',
      PROVIDER_GLOBAL_RATE_LIMIT: '2',
      SHUTDOWN_READINESS_DELAY_MS: '500',
      SHUTDOWN_TIMEOUT_MS: '1500',
    });
    const graphqlUrl = await subgraph.ready();
    const ids = putOpenSessions(emulator, 'drain', 13);
    const queued = ids.slice(0, 12).map((id) => ask(graphqlUrl, id));
    await (async () => {
      while (callsFor(emulator, ids[0]!) + callsFor(emulator, ids[1]!) === 0) await delay(10);
    })();

    subgraph.kill('SIGTERM');
    await subgraph.waitForOutput('shutting down');
    const ready = await request(graphqlUrl.replace('/graphql', '/ready'));
    expect(ready.statusCode).toBe(503);
    await ready.body.dump();
    // Still accepted during SHUTDOWN_READINESS_DELAY_MS, and answered too.
    const lateArrival = ask(graphqlUrl, ids[12]!);

    const answers = await Promise.all([...queued, lateArrival]);
    const kinds = answers.map((answer, index) => kindOf(answer, ids[index]!));
    expect(kinds.filter((kind) => kind !== 'served' && kind !== 'refused')).toEqual([]);
    expect(kinds).toContain('served');
    expect(kinds).toContain('refused');
    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
    expect(emulator.calls.filter((call) => call.rateLimited !== undefined)).toEqual([]);
    // A refused session was never asked of the provider.
    for (const [index, kind] of kinds.entries()) if (kind === 'refused') expect(callsFor(emulator, ids[index]!)).toBe(0);
  });
});
