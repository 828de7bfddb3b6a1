import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHiveGateway, type RunningHiveGateway } from '../../../examples/hive-gateway.js';
import { startOrdersSubgraph, type RunningOrdersSubgraph } from '../../../examples/orders-subgraph/orders-subgraph.js';
import { loadSubgraphTypeDefs } from '../../../src/graphql/schema.js';
import { useHarness } from '../../support/harness.js';
import { quietLogger } from '../../support/log-lines.js';
import { subscribeOverSse } from '../../support/subscription-clients.js';
import { deliverStripeSessionEvent } from '../../support/webhook-signing.js';

const stripeWebhookSecret = 'whsec_hiveGatewaySubscriptions42';
const routerSecret = 'hive-gateway-router-secret-42';
const paymentOfOrder = `subscription PaymentOfOrder($id: ID!) {
  checkoutSessionUpdated(id: $id) {
    id
    status
    paymentStatus
    order { id number itemCount }
  }
}`;

describe('checkoutSessionUpdated through Hive Gateway, with the orders subgraph joined', () => {
  const harness = useHarness({ CACHE: 'on', STRIPE_WEBHOOK_SECRET: stripeWebhookSecret, ROUTER_SECRET: routerSecret });
  let orders: RunningOrdersSubgraph;
  let gateway: RunningHiveGateway;

  beforeAll(async () => {
    orders = await startOrdersSubgraph([{ id: 'order_hive7', number: 'H-7007', itemCount: 2, checkoutSessionId: null }], { logger: quietLogger() });
    gateway = await startHiveGateway([
      { name: 'payments', url: harness.graphqlUrl, typeDefs: loadSubgraphTypeDefs() },
      { name: 'orders', url: orders.url, typeDefs: orders.typeDefs },
    ], { subgraphHeaders: { payments: { 'router-secret': routerSecret } } });
  });
  afterAll(async () => {
    await gateway?.close();
    await orders?.close();
  });

  it('sends the client each change a webhook brings, each with its order resolved by the orders subgraph, then completes', async () => {
    const session = {
      id: `cs_test_hiveGatewaySubscribed${'0'.repeat(34)}`,
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 4200,
      currency: 'eur',
      client_reference_id: 'order_hive7',
      metadata: {},
    };
    harness.emulator.putStripeSession(session);
    const updates = subscribeOverSse(gateway.url, { query: paymentOfOrder, variables: { id: session.id } });
    const order = { id: 'order_hive7', number: 'H-7007', itemCount: 2 };
    expect((await updates.eventsAtLeast(1))[0]).toEqual({
      data: { checkoutSessionUpdated: { id: session.id, status: 'OPEN', paymentStatus: 'UNPAID', order } },
    });

    const paid = { ...session, status: 'complete', payment_status: 'paid' };
    harness.emulator.putStripeSession(paid);
    expect(await deliverStripeSessionEvent(harness.subgraph.url, stripeWebhookSecret, paid)).toBe(200);
    await updates.ended;

    expect(updates.completed).toBe(true);
    expect(updates.events).toEqual([
      { data: { checkoutSessionUpdated: { id: session.id, status: 'OPEN', paymentStatus: 'UNPAID', order } } },
      { data: { checkoutSessionUpdated: { id: session.id, status: 'COMPLETE', paymentStatus: 'PAID', order } } },
    ]);
  });

  it('passes an unknown session\'s NOT_FOUND to the client and completes', async () => {
    const updates = subscribeOverSse(gateway.url, { query: paymentOfOrder, variables: { id: `cs_test_hiveGatewayNeverCreated${'0'.repeat(33)}` } });
    await updates.ended.catch(() => undefined);
    expect(updates.events.flatMap((event) => event.errors ?? []).map((error) => error.extensions?.code)).toContain('NOT_FOUND');
  });
});
