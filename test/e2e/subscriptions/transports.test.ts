import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useHarness } from '../../support/harness.js';
import { scrape } from '../../support/prometheus-text.js';
import { subscribeOverSse, subscribeOverWebSocket } from '../../support/subscription-clients.js';
import { convergeGateSignatureHeaders, deliverStripeSessionEvent, nowInSeconds, stripeSignatureHeader } from '../../support/webhook-signing.js';

const stripeWebhookSecret = 'whsec_subscriptionsEndpoint42';
const convergeGateKeyForWebhooks = 'sk_test_subscriptionsConvergeGate42';
const updatesQuery = `subscription ($id: ID!) {
  checkoutSessionUpdated(id: $id) { id status paymentStatus amountTotal { amount currency } order { id } }
}`;

let sequence = 0;
/** A Stripe session of its own for each test, so that no test sees another's changes. */
function stripeSession(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const id = `cs_test_s${sequence}SubscribedSession${'0'.repeat(30)}`;
  return {
    id,
    object: 'checkout.session',
    status: 'open',
    payment_status: 'unpaid',
    amount_total: 2500,
    currency: 'eur',
    client_reference_id: `order_${sequence}`,
    metadata: {},
    ...overrides,
  };
}

const transports = [
  { name: 'GraphQL over SSE', subscribe: subscribeOverSse },
  { name: 'graphql-ws', subscribe: subscribeOverWebSocket },
] as const;

describe.each(transports)('checkoutSessionUpdated over $name', ({ subscribe }) => {
  const harness = useHarness({
    CACHE: 'on',
    STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
    CONVERGEGATE_WEBHOOK_SECRET: convergeGateKeyForWebhooks,
  });

  it('sends the session at once, then its payment after the webhook, then completes', async () => {
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const updates = subscribe(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id } });
    const [first] = await updates.eventsAtLeast(1);
    expect(first).toEqual({
      data: {
        checkoutSessionUpdated: {
          id: session.id,
          status: 'OPEN',
          paymentStatus: 'UNPAID',
          amountTotal: { amount: 2500, currency: 'EUR' },
          order: { id: session.client_reference_id },
        },
      },
    });

    const paid = { ...session, status: 'complete', payment_status: 'paid' };
    harness.emulator.putStripeSession(paid);
    expect(await deliverStripeSessionEvent(harness.subgraph.url, stripeWebhookSecret, paid)).toBe(200);
    await updates.ended;
    expect(updates.completed).toBe(true);
    expect(updates.events.map((event) => event.data?.checkoutSessionUpdated?.status)).toEqual(['OPEN', 'COMPLETE']);
    expect(updates.events[1]?.data?.checkoutSessionUpdated?.paymentStatus).toBe('PAID');
  });

  it('follows a BLIK session from pending to completed on Converge Gate\'s webhook', async () => {
    const id = `BlK${sequence}-PendingAtTheBank0`.slice(0, 22).padEnd(22, '0');
    const pending = { id, amount_total: 4999, currency: 'pln', status: 'pending', metadata: { order_id: 'order_blik' } };
    harness.emulator.putConvergeGateSession(id, pending);
    const updates = subscribe(harness.graphqlUrl, { query: updatesQuery, variables: { id } });
    expect((await updates.eventsAtLeast(1))[0]?.data?.checkoutSessionUpdated?.status).toBe('PENDING');

    harness.emulator.putConvergeGateSession(id, { ...pending, status: 'completed' });
    const body = JSON.stringify({ type: 'checkout.session.completed', data: { object: { id } } });
    const delivered = await request(`${harness.subgraph.url}/webhooks/convergegate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...convergeGateSignatureHeaders(convergeGateKeyForWebhooks, body, nowInSeconds()) },
      body,
    });
    await delivered.body.dump();
    expect(delivered.statusCode).toBe(200);
    await updates.ended;
    expect(updates.events.map((event) => event.data?.checkoutSessionUpdated?.status)).toEqual(['PENDING', 'COMPLETE']);
  });

  it('completes after a delayed payment failed, though the session still says complete and unpaid', async () => {
    const session = stripeSession({ status: 'complete', payment_status: 'unpaid' });
    harness.emulator.putStripeSession(session);
    const updates = subscribe(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id } });
    await updates.eventsAtLeast(1);
    expect(
      await deliverStripeSessionEvent(harness.subgraph.url, stripeWebhookSecret, session, 'checkout.session.async_payment_failed'),
    ).toBe(200);
    await updates.ended;
    expect(updates.events.map((event) => event.data?.checkoutSessionUpdated?.paymentStatus)).toEqual(['UNPAID', 'UNPAID']);
  });

  it('sends nothing for a webhook that changed no payment state', async () => {
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const updates = subscribe(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id } });
    await updates.eventsAtLeast(1);
    const relabelled = { ...session, metadata: { note: 'changed' } };
    harness.emulator.putStripeSession(relabelled);
    expect(await deliverStripeSessionEvent(harness.subgraph.url, stripeWebhookSecret, relabelled)).toBe(200);
    // The refetch happened: the webhook's one provider call.
    await expect.poll(() => harness.emulator.countCalls(`/v1/checkout/sessions/${session.id}`)).toBe(2);
    const paid = { ...relabelled, status: 'complete', payment_status: 'paid' };
    harness.emulator.putStripeSession(paid);
    expect(await deliverStripeSessionEvent(harness.subgraph.url, stripeWebhookSecret, paid)).toBe(200);
    await updates.ended;
    expect(updates.events.map((event) => event.data?.checkoutSessionUpdated?.status)).toEqual(['OPEN', 'COMPLETE']);
  });

  it('reads nothing for a replayed webhook event', async () => {
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const updates = subscribe(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id } });
    await updates.eventsAtLeast(1);
    const body = JSON.stringify({ id: `evt_replayed${sequence}`, object: 'event', type: 'checkout.session.completed', data: { object: session } });
    const deliver = async () => {
      const response = await request(`${harness.subgraph.url}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(stripeWebhookSecret, body, nowInSeconds()) },
        body,
      });
      await response.body.dump();
      return response.statusCode;
    };
    const sessionCalls = () => harness.emulator.countCalls(`/v1/checkout/sessions/${session.id}`);
    expect(await deliver()).toBe(200);
    await expect.poll(sessionCalls).toBe(2);
    expect(await deliver()).toBe(200);
    expect(await deliver()).toBe(200);
    // A read after a replay would come as fast as the first refetch did; a query in between proves the subgraph has moved on.
    await harness.query(`{ checkoutSession(id: "cs_test_b1CompletePaidOrder1001aaaaaaaaaaaaaaaaaaaaaaaaaaaa") { id } }`);
    expect(sessionCalls()).toBe(2);
    updates.unsubscribe();
  });

  it('sends a passing provider failure as the first event, stays open, and sends the session once the poll reads it', async () => {
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    // The first read and its two retries.
    harness.emulator.injectFault(session.id, { kind: 'status', status: 503 }, { times: 3 });
    const updates = subscribe(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id } });
    await updates.eventsAtLeast(2);
    expect(updates.events[0]?.errors?.[0]?.extensions?.code).toBe('PROVIDER_UNAVAILABLE');
    expect(updates.events[1]?.data?.checkoutSessionUpdated?.status).toBe('OPEN');
    expect(updates.completed).toBe(false);
    updates.unsubscribe();
  });

  it('answers a malformed id with BAD_USER_INPUT and completes, without a provider call', async () => {
    const updates = subscribe(harness.graphqlUrl, { query: updatesQuery, variables: { id: 'cs_test_../../v1/customers' } });
    await updates.ended;
    expect(updates.events).toHaveLength(1);
    expect(updates.events[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(harness.emulator.countCalls()).toBe(0);
  });

  it('answers an unknown session with NOT_FOUND and completes', async () => {
    const updates = subscribe(harness.graphqlUrl, {
      query: updatesQuery,
      variables: { id: 'cs_test_zzNoSuchSessionAnywhere0000000000000000000000000000' },
    });
    await updates.ended;
    expect(updates.events).toHaveLength(1);
    expect(updates.events[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(updates.events[0]?.data ?? null).toBeNull();
  });

  it('masks an unexpected error in an event as a query does: "Internal server error", INTERNAL_SERVER_ERROR, at its path', async () => {
    // Microseconds where Stripe sends seconds: a date no JavaScript Date holds, which the DateTime scalar cannot write.
    const session = stripeSession({ created: 1_733_097_600_000_000 });
    harness.emulator.putStripeSession(session);
    const updates = subscribe(harness.graphqlUrl, {
      query: 'subscription ($id: ID!) { checkoutSessionUpdated(id: $id) { id createdAt } }',
      variables: { id: session.id },
    });
    const [first] = await updates.eventsAtLeast(1);
    expect(first).toEqual({
      data: { checkoutSessionUpdated: { id: session.id, createdAt: null } },
      errors: [
        {
          message: 'Internal server error',
          locations: [{ line: 1, column: 64 }],
          path: ['checkoutSessionUpdated', 'createdAt'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    updates.unsubscribe();

    const asQuery = await harness.query(`{ checkoutSession(id: "${session.id}") { id createdAt } }`);
    expect(asQuery.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code }))).toEqual([
      { message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' },
    ]);
  });

  it('sends an error with its own code whole: an unknown session\'s NOT_FOUND keeps its message', async () => {
    const id = 'cs_test_zzNoSuchSessionAnywhere1111111111111111111111111111';
    const updates = subscribe(harness.graphqlUrl, { query: updatesQuery, variables: { id } });
    await updates.ended;
    expect(updates.events).toEqual([
      {
        errors: [{ message: `Checkout session ${id} was not found`, locations: [{ line: 2, column: 3 }], path: ['checkoutSessionUpdated'], extensions: { code: 'NOT_FOUND' } }],
      },
    ]);
  });

  it('answers a variable of the wrong type with BAD_USER_INPUT naming it, as a query does', async () => {
    const updates = subscribe(harness.graphqlUrl, { query: updatesQuery, variables: { id: 42.5 } });
    const reported = await updates.ended.then(() => updates.events.flatMap((event) => event.errors ?? []), (error: unknown) => error);
    expect(reported).toEqual([
      expect.objectContaining({ message: expect.stringContaining('"$id"'), extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
  });

  it('answers a field the schema does not have with GRAPHQL_VALIDATION_FAILED naming it, as a query does', async () => {
    const updates = subscribe(harness.graphqlUrl, { query: 'subscription { checkoutSessionUpdated(id: "cs_test_x") { amountTotl } }' });
    const reported = await updates.ended.then(() => updates.events.flatMap((event) => event.errors ?? []), (error: unknown) => error);
    expect(reported).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Cannot query field "amountTotl"'),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
  });

  it('completes at once with the session when it is already final', async () => {
    const session = stripeSession({ status: 'expired' });
    harness.emulator.putStripeSession(session);
    const updates = subscribe(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id } });
    await updates.ended;
    expect(updates.events.map((event) => event.data?.checkoutSessionUpdated?.status)).toEqual(['EXPIRED']);
  });

  it('refuses a query: only subscriptions are served over it', async () => {
    const updates = subscribe(harness.graphqlUrl, { query: '{ checkoutSession(id: "cs_test_x") { id } }' });
    await updates.ended.catch(() => undefined);
    const reported = JSON.stringify(updates.events) + String(await updates.ended.then(() => '', (error: unknown) => JSON.stringify(error)));
    expect(reported).toContain('Only subscriptions are served over this transport');
  });
});

describe('subscriptions and their limits', () => {
  const routerSecret = 'router-secret-for-subscriptions-0123456789';
  const harness = useHarness({ CACHE: 'on', ROUTER_SECRET: routerSecret, MAX_SUBSCRIPTIONS: '3', MAX_SUBSCRIPTIONS_PER_CONNECTION: '2' });
  const withSecret = { 'router-secret': routerSecret };

  it('refuses an SSE subscription without the router secret with 401', async () => {
    const response = await request(harness.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: updatesQuery, variables: { id: stripeSession().id } }),
    });
    expect(response.statusCode).toBe(401);
    expect(await response.body.text()).toContain('Router-Secret');
  });

  it('closes a WebSocket without the router secret as forbidden (4403), and serves one that sends it in connection_init', async () => {
    const refused = subscribeOverWebSocket(harness.graphqlUrl, { query: updatesQuery, variables: { id: stripeSession().id } });
    expect((await refused.closeEvent).code).toBe(4403);

    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const served = subscribeOverWebSocket(harness.graphqlUrl, {
      query: updatesQuery,
      variables: { id: session.id },
      connectionParams: { 'Router-Secret': routerSecret },
    });
    expect((await served.eventsAtLeast(1))[0]?.data?.checkoutSessionUpdated?.id).toBe(session.id);
    served.unsubscribe();
  });

  it('refuses a third subscription on one WebSocket past MAX_SUBSCRIPTIONS_PER_CONNECTION, and one past MAX_SUBSCRIPTIONS', async () => {
    const sessions = [stripeSession(), stripeSession(), stripeSession(), stripeSession()];
    for (const session of sessions) harness.emulator.putStripeSession(session);
    const metricsBefore = await scrape(harness.subgraph.metricsUrl);
    const socket = await openGraphQLWebSocket(harness.graphqlUrl.replace(/^http/, 'ws'), withSecret);
    const answers = sessions.slice(0, 3).map((session, index) => socket.subscribe(String(index), updatesQuery, { id: session.id }));
    const third = await answers[2]!.first;
    expect(third.payload.errors?.[0]?.extensions?.code ?? third.payload[0]?.extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(JSON.stringify(third.payload)).toContain('MAX_SUBSCRIPTIONS_PER_CONNECTION');
    await Promise.all(answers.slice(0, 2).map((answer) => answer.first));

    const ready = async () => (await (await request(`${harness.subgraph.url}/ready`)).body.json()) as { subscriptions: number };
    expect((await ready()).subscriptions).toBe(2);
    const metrics = await scrape(harness.subgraph.metricsUrl);
    expect(metrics.value('payments_subgraph_subscriptions_open')).toBe(2);
    expect(metrics.since(metricsBefore, 'payments_subgraph_subscription_reads_total', { purpose: 'first-read' })).toBe(2);
    const fourth = subscribeOverSse(harness.graphqlUrl, { query: updatesQuery, variables: { id: sessions[3]!.id }, headers: withSecret });
    const another = subscribeOverSse(harness.graphqlUrl, { query: updatesQuery, variables: { id: sessions[3]!.id }, headers: withSecret });
    await Promise.all([fourth.eventsAtLeast(1), another.eventsAtLeast(1)]);
    const refused = [fourth, another].find((updates) => updates.events[0]?.errors);
    expect(refused?.events[0]?.errors?.[0]?.extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(refused?.events[0]?.errors?.[0]?.message).toContain('MAX_SUBSCRIPTIONS');
    expect((await ready()).subscriptions).toBe(3);
    socket.close();
    fourth.unsubscribe();
    another.unsubscribe();
    await expect.poll(async () => (await ready()).subscriptions).toBe(0);
  });

  it('answers a subscription sent as a plain JSON POST with an error naming the transports', async () => {
    const response = await request(harness.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withSecret },
      body: JSON.stringify({ query: updatesQuery, variables: { id: stripeSession().id } }),
    });
    expect(await response.body.text()).toMatch(/text\/event-stream|graphql-ws|[Ss]ubscription/);
  });
});

describe('a subscription\'s lifetime and size', () => {
  const harness = useHarness({ SUBSCRIPTION_MAX_LIFETIME_MS: '500', MAX_QUERY_DEPTH: '3' });

  it('completes a subscription still open after SUBSCRIPTION_MAX_LIFETIME_MS', async () => {
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const updates = subscribeOverSse(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id } });
    await updates.ended;
    expect(updates.events.map((event) => event.data?.checkoutSessionUpdated?.status)).toEqual(['OPEN']);
  });

  it('refuses a subscription over MAX_QUERY_DEPTH before any provider call', async () => {
    const updates = subscribeOverWebSocket(harness.graphqlUrl, {
      query: 'subscription ($id: ID!) { checkoutSessionUpdated(id: $id) { customerDetails { address { city } } totalDetails { breakdown { taxes { rate { id } } } } } }',
      variables: { id: stripeSession().id },
    });
    const reported = await updates.ended.then(() => JSON.stringify(updates.events), (error: unknown) => JSON.stringify(error));
    expect(reported).toContain('MAX_QUERY_DEPTH');
    expect(harness.emulator.countCalls()).toBe(0);
  });
});

describe('keep-alive', () => {
  const harness = useHarness({ SUBSCRIPTION_KEEPALIVE_MS: '200', IDLE_TIMEOUT_MS: '1000', CACHE: 'on' });

  it('keeps a quiet stream open past the idle timeout, its pings being activity, and delivers on it', async () => {
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const updates = subscribeOverSse(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id } });
    await updates.eventsAtLeast(1);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(updates.completed).toBe(false);
    harness.emulator.putStripeSession({ ...session, status: 'complete', payment_status: 'paid' });
    await updates.ended;
    expect(updates.events.map((event) => event.data?.checkoutSessionUpdated?.status)).toEqual(['OPEN', 'COMPLETE']);
  });

  it('closes a WebSocket client that stops answering pings', async () => {
    const socket = new WebSocket(harness.graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { autoPong: false });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    const closed = await new Promise<[number, string]>((resolve) => socket.once('close', (code, reason) => resolve([code, reason.toString()])));
    expect(closed).toEqual([1008, 'the client did not answer the last ping']);
  });

  it('keeps pinging a quiet SSE stream', async () => {
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const response = await request(harness.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: updatesQuery, variables: { id: session.id } }),
    });
    let text = '';
    for await (const chunk of response.body) {
      text += chunk.toString();
      if ((text.match(/^:\n\n/gm) ?? []).length >= 3 && text.includes('event: next')) break;
    }
    response.body.destroy();
    expect(text).toContain('event: next');
  });
});

/** A bare graphql-transport-ws connection, to send several subscriptions over one socket and read each first answer. */
async function openGraphQLWebSocket(url: string, headers: Record<string, string>) {
  const socket = new WebSocket(url, 'graphql-transport-ws', { headers });
  const firsts = new Map<string, (message: any) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: string; type: string; payload?: any };
    if (message.id && (message.type === 'next' || message.type === 'error')) {
      firsts.get(message.id)?.(message);
      firsts.delete(message.id);
    }
  });
  await new Promise((resolve) => socket.once('open', resolve));
  const acknowledged = new Promise((resolve) => socket.once('message', resolve));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await acknowledged;
  return {
    subscribe(id: string, query: string, variables: Record<string, unknown>) {
      const first = new Promise<{ type: string; payload: any }>((resolve) => firsts.set(id, resolve));
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
      return { first };
    },
    close: () => socket.close(),
  };
}
