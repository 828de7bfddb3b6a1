import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderEmulator } from '../../../src/emulator/server.js';
import { CallbackReceiver, subscribeByCallback } from '../../support/callback-receiver.js';
import { compiledSubgraph, startSubgraphProcess, type SubgraphProcess } from '../../support/subgraph-process.js';
import { subscribeOverSse, subscribeOverWebSocket } from '../../support/subscription-clients.js';

const stripeKey = `sk_test_${randomBytes(12).toString('hex')}`;
const updatesQuery = `subscription ($id: ID!) { checkoutSessionUpdated(id: $id) { id status } }`;
const build = compiledSubgraph();
let emulator: ProviderEmulator;
let subgraph: SubgraphProcess | undefined;

beforeAll(async () => {
  emulator = await ProviderEmulator.start({ stripeSecretKey: stripeKey, stripeRateLimits: 'lifted' });
});
afterAll(async () => {
  subgraph?.kill('SIGKILL');
  await emulator?.close();
});

describe('the compiled subgraph with open subscriptions', () => {
  it('on SIGTERM refuses new subscriptions, completes each of 100 open ones over SSE and graphql-ws, and exits 0', { timeout: 60_000 }, async () => {
    subgraph = startSubgraphProcess(build, {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      STRIPE_SECRET_KEY: stripeKey,
      STRIPE_API_URL: emulator.url,
      SHUTDOWN_READINESS_DELAY_MS: '1000',
    });
    const graphqlUrl = await subgraph.ready();
    const readyUrl = graphqlUrl.replace('/graphql', '/ready');
    const ids = Array.from({ length: 10 }, (_, index) => `cs_test_drained${index}${'0'.repeat(40)}`);
    for (const id of ids) emulator.putStripeSession({ id, object: 'checkout.session', status: 'open', payment_status: 'unpaid' });
    const subscribers = Array.from({ length: 100 }, (_, index) =>
      (index % 2 === 0 ? subscribeOverSse : subscribeOverWebSocket)(graphqlUrl, { query: updatesQuery, variables: { id: ids[index % ids.length]! } }),
    );
    await Promise.all(subscribers.map((updates) => updates.eventsAtLeast(1)));
    expect(await (await request(readyUrl)).body.json()).toMatchObject({ status: 'ready', subscriptions: 100 });

    subgraph.kill('SIGTERM');
    await subgraph.waitForOutput('shutting down');
    const ready = await request(readyUrl);
    expect({ status: ready.statusCode, body: await ready.body.json() }).toMatchObject({ status: 503, body: { subscriptions: 100 } });
    const refused = await request(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: updatesQuery, variables: { id: ids[0] } }),
    });
    expect({ status: refused.statusCode, body: await refused.body.json() }).toMatchObject({
      status: 503,
      body: { errors: [{ extensions: { code: 'SHUTTING_DOWN' } }] },
    });

    await Promise.all(subscribers.map((updates) => updates.ended));
    expect(subscribers.filter((updates) => updates.completed)).toHaveLength(100);
    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
  });

  it('on SIGTERM posts complete to the router for each open callback subscription before it exits 0', { timeout: 60_000 }, async () => {
    const routerSecret = randomBytes(16).toString('hex');
    const receiver = await CallbackReceiver.start();
    try {
      subgraph = startSubgraphProcess(build, {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        STRIPE_SECRET_KEY: stripeKey,
        STRIPE_API_URL: emulator.url,
        ROUTER_SECRET: routerSecret,
        SHUTDOWN_READINESS_DELAY_MS: '500',
      });
      const graphqlUrl = await subgraph.ready();
      const id = `cs_test_drainedByCallback${'0'.repeat(40)}`;
      emulator.putStripeSession({ id, object: 'checkout.session', status: 'open', payment_status: 'unpaid' });
      const subscriptions = Array.from({ length: 20 }, () => receiver.newSubscription());
      for (const subscription of subscriptions) {
        const answer = await subscribeByCallback(graphqlUrl, { query: updatesQuery, variables: { id }, extensions: { subscription } }, { 'router-secret': routerSecret });
        expect(answer.status).toBe(200);
      }
      const actionsOf = (subscriptionId: string) =>
        receiver.messagesOf(subscriptionId).map((message) => message.action).filter((action) => action !== 'check');
      await receiver.waitFor(() => subscriptions.every(({ subscriptionId }) => actionsOf(subscriptionId).length === 1), 'every first event');

      subgraph.kill('SIGTERM');
      expect(await subgraph.exited).toEqual({ code: 0, signal: null });
      expect(subscriptions.map(({ subscriptionId }) => actionsOf(subscriptionId))).toEqual(subscriptions.map(() => ['next', 'complete']));
    } finally {
      await receiver.close();
    }
  });
});
