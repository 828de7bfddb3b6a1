import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, useHarness } from '../../support/harness.js';
import { CallbackReceiver, subscribeByCallback } from '../../support/callback-receiver.js';
import { deliverStripeSessionEvent } from '../../support/webhook-signing.js';

const routerSecret = 'router-secret-for-callbacks-42';
const stripeWebhookSecret = 'whsec_callbackSubscriptions42';
const updatesQuery = `subscription ($id: ID!) {
  checkoutSessionUpdated(id: $id) { id status paymentStatus order { id } }
}`;

let sequence = 0;
function stripeSession() {
  sequence += 1;
  return {
    id: `cs_test_c${sequence}CallbackSession${'0'.repeat(32)}`,
    object: 'checkout.session',
    status: 'open',
    payment_status: 'unpaid',
    amount_total: 1200,
    currency: 'eur',
    client_reference_id: `order_cb${sequence}`,
    metadata: {},
  };
}

let receiver: CallbackReceiver;
beforeAll(async () => {
  receiver = await CallbackReceiver.start();
});
afterAll(() => receiver.close());

async function openSubscriptions(baseUrl: string): Promise<number> {
  const response = await request(`${baseUrl}/ready`);
  return ((await response.body.json()) as { subscriptions: number }).subscriptions;
}

describe('checkoutSessionUpdated over Apollo Router\'s HTTP callback protocol', () => {
  const harness = useHarness({ CACHE: 'on', ROUTER_SECRET: routerSecret, STRIPE_WEBHOOK_SECRET: stripeWebhookSecret, CALLBACK_HEARTBEAT_MIN_MS: '100' });
  const asRouter = { 'router-secret': routerSecret };

  it('checks the callback, posts the session as next, the webhook\'s change as next, then complete', async () => {
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const subscription = receiver.newSubscription();
    const answer = await subscribeByCallback(
      harness.graphqlUrl,
      { query: updatesQuery, variables: { id: session.id }, extensions: { subscription } },
      asRouter,
    );
    expect(answer).toEqual({ status: 200, body: { data: null } });
    const messages = () => receiver.messagesOf(subscription.subscriptionId);
    // The check comes before the answer: the router knows the callback works once it is answered.
    expect(messages()[0]).toMatchObject({ kind: 'subscription', action: 'check', verifier: subscription.verifier, protocol: 'callback/1.0' });

    await receiver.waitFor(() => messages().some((message) => message.action === 'next'), 'the first event');
    const paid = { ...session, status: 'complete', payment_status: 'paid' };
    harness.emulator.putStripeSession(paid);
    expect(await deliverStripeSessionEvent(harness.subgraph.url, stripeWebhookSecret, paid)).toBe(200);
    await receiver.waitFor(() => messages().some((message) => message.action === 'complete'), 'complete');

    expect(messages().filter((message) => message.action !== 'check')).toEqual([
      {
        kind: 'subscription',
        action: 'next',
        id: subscription.subscriptionId,
        verifier: subscription.verifier,
        payload: { data: { checkoutSessionUpdated: { id: session.id, status: 'OPEN', paymentStatus: 'UNPAID', order: { id: session.client_reference_id } } } },
        protocol: undefined,
      },
      {
        kind: 'subscription',
        action: 'next',
        id: subscription.subscriptionId,
        verifier: subscription.verifier,
        payload: { data: { checkoutSessionUpdated: { id: session.id, status: 'COMPLETE', paymentStatus: 'PAID', order: { id: session.client_reference_id } } } },
        protocol: undefined,
      },
      { kind: 'subscription', action: 'complete', id: subscription.subscriptionId, verifier: subscription.verifier, protocol: undefined },
    ]);
    await expect.poll(() => openSubscriptions(harness.subgraph.url)).toBe(0);
  });

  it('posts an unexpected error in an event masked as a query\'s is, at its path', async () => {
    // Microseconds where Stripe sends seconds: a date no JavaScript Date holds, which the DateTime scalar cannot write.
    const session = { ...stripeSession(), created: 1_733_097_600_000_000 };
    harness.emulator.putStripeSession(session);
    const subscription = receiver.newSubscription(100);
    const query = 'subscription ($id: ID!) { checkoutSessionUpdated(id: $id) { id createdAt } }';
    expect((await subscribeByCallback(harness.graphqlUrl, { query, variables: { id: session.id }, extensions: { subscription } }, asRouter)).status).toBe(200);
    const next = () => receiver.messagesOf(subscription.subscriptionId).find((message) => message.action === 'next');
    await receiver.waitFor(() => next() !== undefined, 'the first event');
    expect(next()?.payload).toEqual({
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
    receiver.answerWith(404);
    await expect.poll(() => openSubscriptions(harness.subgraph.url)).toBe(0);
    receiver.answerWith(204);
  });

  it('sends a check message every heartbeatIntervalMs while the session does not change', async () => {
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const subscription = receiver.newSubscription(100);
    const answer = await subscribeByCallback(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id }, extensions: { subscription } }, asRouter);
    expect(answer.status).toBe(200);
    const checks = () => receiver.messagesOf(subscription.subscriptionId).filter((message) => message.action === 'check');
    await receiver.waitFor(() => checks().length >= 4, 'three heartbeats after the first check');
    expect(checks().every((message) => message.verifier === subscription.verifier && message.protocol === 'callback/1.0')).toBe(true);
    expect(receiver.messagesOf(subscription.subscriptionId).filter((message) => message.action === 'next')).toHaveLength(1);
    receiver.answerWith(404);
    await expect.poll(() => openSubscriptions(harness.subgraph.url)).toBe(0);
    receiver.answerWith(204);
  });

  it('stops the subscription when the router answers a heartbeat with 404, and posts nothing more for it', async () => {
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const subscription = receiver.newSubscription(100);
    expect((await subscribeByCallback(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id }, extensions: { subscription } }, asRouter)).status).toBe(200);
    await receiver.waitFor(() => receiver.messagesOf(subscription.subscriptionId).some((message) => message.action === 'next'), 'the first event');
    expect(await openSubscriptions(harness.subgraph.url)).toBe(1);

    receiver.answerWith(404);
    await expect.poll(() => openSubscriptions(harness.subgraph.url)).toBe(0);
    receiver.answerWith(204);
    const seen = receiver.messagesOf(subscription.subscriptionId).length;
    const paid = { ...session, status: 'complete', payment_status: 'paid' };
    harness.emulator.putStripeSession(paid);
    expect(await deliverStripeSessionEvent(harness.subgraph.url, stripeWebhookSecret, paid)).toBe(200);
    // Three heartbeat intervals: a subscription still running would have posted by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.messagesOf(subscription.subscriptionId)).toHaveLength(seen);
  });

  it('stops the subscription when its router has gone and its callback URL no longer answers', async () => {
    const gone = await CallbackReceiver.start();
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const subscription = gone.newSubscription(100);
    expect((await subscribeByCallback(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id }, extensions: { subscription } }, asRouter)).status).toBe(200);
    await gone.waitFor(() => gone.messagesOf(subscription.subscriptionId).some((message) => message.action === 'next'), 'the first event');
    expect(await openSubscriptions(harness.subgraph.url)).toBe(1);

    await gone.close();
    await expect.poll(() => openSubscriptions(harness.subgraph.url), { timeout: 10_000 }).toBe(0);
  });

  it('answers 500 and starts nothing when the router refuses the first check as invalid (400)', async () => {
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const subscription = receiver.newSubscription();
    receiver.answerWith(400);
    try {
      const answer = await subscribeByCallback(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id }, extensions: { subscription } }, asRouter);
      expect(answer.status).toBe(500);
    } finally {
      receiver.answerWith(204);
    }
    expect(await openSubscriptions(harness.subgraph.url)).toBe(0);
    expect(receiver.messagesOf(subscription.subscriptionId).map((message) => message.action)).toEqual(['check']);
  });

  it('refuses a callback subscription without the Router-Secret header, posting nothing to its callback URL', async () => {
    const subscription = receiver.newSubscription();
    const answer = await subscribeByCallback(harness.graphqlUrl, { query: updatesQuery, variables: { id: stripeSession().id }, extensions: { subscription } });
    expect(answer.status).toBe(401);
    expect(JSON.stringify(answer.body)).toContain('Router-Secret');
    expect(receiver.messagesOf(subscription.subscriptionId)).toEqual([]);
  });

  it('refuses a callback URL that is not http or https, naming the field', async () => {
    const subscription = { ...receiver.newSubscription(), callbackUrl: 'file:///etc/passwd' };
    const answer = await subscribeByCallback(harness.graphqlUrl, { query: updatesQuery, variables: { id: stripeSession().id }, extensions: { subscription } }, asRouter);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({
      message: 'extensions.subscription.callbackUrl must be an http or https URL',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('answers a query sent with the callback extension with an error, posting nothing', async () => {
    const subscription = receiver.newSubscription();
    const answer = await subscribeByCallback(
      harness.graphqlUrl,
      { query: `query ($id: ID!) { checkoutSession(id: $id) { id } }`, variables: { id: stripeSession().id }, extensions: { subscription } },
      asRouter,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toContain('extensions.subscription is for subscriptions');
    expect(receiver.messagesOf(subscription.subscriptionId)).toEqual([]);
  });
});

describe('a subgraph without ROUTER_SECRET', () => {
  const harness = useHarness({ CACHE: 'on' });

  it('refuses every callback subscription with the reason, posting nothing to its callback URL', async () => {
    const subscription = receiver.newSubscription();
    const answer = await subscribeByCallback(harness.graphqlUrl, { query: updatesQuery, variables: { id: stripeSession().id }, extensions: { subscription } });
    expect(answer.status).toBe(403);
    expect(answer.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(answer.body.errors[0].message).toContain('set ROUTER_SECRET');
    expect(receiver.messagesOf(subscription.subscriptionId)).toEqual([]);
  });
});

describe('a subgraph stopping with callback subscriptions open', () => {
  it('posts complete to each one\'s callback URL before it has stopped', async () => {
    const harness = await startHarness({ CACHE: 'on', ROUTER_SECRET: routerSecret });
    const session = stripeSession();
    harness.emulator.putStripeSession(session);
    const subscriptions = [receiver.newSubscription(), receiver.newSubscription()];
    for (const subscription of subscriptions) {
      const answer = await subscribeByCallback(
        harness.graphqlUrl,
        { query: updatesQuery, variables: { id: session.id }, extensions: { subscription } },
        { 'router-secret': routerSecret },
      );
      expect(answer.status).toBe(200);
    }
    const actionsOf = (id: string) => receiver.messagesOf(id).map((message) => message.action).filter((action) => action !== 'check');
    await receiver.waitFor(() => subscriptions.every(({ subscriptionId }) => actionsOf(subscriptionId).length === 1), 'the first events');

    await harness.close();
    for (const { subscriptionId } of subscriptions) expect(actionsOf(subscriptionId)).toEqual(['next', 'complete']);
  });
});
