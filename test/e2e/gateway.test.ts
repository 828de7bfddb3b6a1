import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSubgraphTypeDefs } from '../../src/graphql/schema.js';
import { startDemoStack, type DemoStack } from '../../examples/demo-stack.js';
import { convergeGateCompletedId, convergeGatePendingId } from '../../src/providers/convergegate/emulator/sessions.js';
import { crossSubgraphQuery, paymentSubscription } from '../../examples/orders-subgraph/example-orders.js';
import { startOrdersSubgraph, type ExampleOrder, type RunningOrdersSubgraph } from '../../examples/orders-subgraph/orders-subgraph.js';
import { startGateway, type RunningGateway } from '../../examples/gateway.js';
import { postGraphQL, startHarness, type Harness } from '../support/harness.js';
import { quietLogger } from '../support/log-lines.js';
import { subscribeOverSse } from '../support/subscription-clients.js';
import { projectRoot } from '../support/markdown-examples.js';

interface StripeSessionSeed {
  id: string;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid';
  amountTotal: number;
  currency: string;
  clientReferenceId?: string;
  metadata?: Record<string, string>;
}

function stripeSessionId(label: string): string {
  return `cs_test_gateway${label}`;
}

const statuses = [
  { status: 'complete', paymentStatus: 'paid', expected: 'COMPLETE' },
  { status: 'open', paymentStatus: 'unpaid', expected: 'OPEN' },
  { status: 'expired', paymentStatus: 'unpaid', expected: 'EXPIRED' },
] as const;

/**
 * 50 orders: 40 pay with a session of their own, 6 share one of those (a split shipment
 * paid in one checkout) and 4 have not reached checkout yet.
 */
const listSessions: StripeSessionSeed[] = Array.from({ length: 40 }, (_, index) => ({
  id: stripeSessionId(`List${String(index).padStart(4, '0')}`),
  ...statuses[index % statuses.length]!,
  amountTotal: 1000 + index,
  currency: 'eur',
  clientReferenceId: `order_${index}`,
}));
const listOrders: ExampleOrder[] = Array.from({ length: 50 }, (_, index) => ({
  id: `order_${index}`,
  number: `A-${1000 + index}`,
  itemCount: 1 + (index % 3),
  checkoutSessionId: index < 46 ? listSessions[index % 40]!.id : null,
}));

describe('a gateway composed from this subgraph and an orders subgraph', () => {
  let payments: Harness;
  let orders: RunningOrdersSubgraph;
  let gateway: RunningGateway;

  function putStripeSessions(seeds: readonly StripeSessionSeed[]): void {
    for (const seed of seeds) {
      payments.emulator.putStripeSession({
        id: seed.id,
        object: 'checkout.session',
        status: seed.status,
        payment_status: seed.paymentStatus,
        mode: 'payment',
        amount_total: seed.amountTotal,
        currency: seed.currency,
        client_reference_id: seed.clientReferenceId ?? null,
        metadata: seed.metadata ?? {},
      });
    }
  }

  function query(text: string, variables?: Record<string, unknown>) {
    return postGraphQL(gateway.url, { query: text, variables });
  }

  function paymentsFetches() {
    return gateway.fetches.filter((fetch) => fetch.subgraph === 'payments');
  }

  beforeAll(async () => {
    payments = await startHarness();
    orders = await startOrdersSubgraph(listOrders, { logger: quietLogger() });
    gateway = await startGateway([
      { name: 'payments', url: payments.graphqlUrl, typeDefs: loadSubgraphTypeDefs() },
      { name: 'orders', url: orders.url, typeDefs: orders.typeDefs },
    ], { logger: quietLogger() });
    putStripeSessions(listSessions);
  });
  afterAll(async () => {
    await gateway?.close();
    await orders?.close();
    await payments?.close();
  });
  beforeEach(() => {
    gateway.fetches.length = 0;
    payments.emulator.resetCalls();
    payments.emulator.clearFaults();
  });

  it("documents each entity with its owner's descriptions in the composed schema", () => {
    expect(gateway.supergraphSdl).toContain(`A payment provider's checkout session, the same shape whichever provider took the money.`);
    expect(gateway.supergraphSdl).toContain(`A customer's order.`);
  });

  it('answers 50 orders with their sessions in one _entities request and one provider call per distinct session', async () => {
    const result = await query(
      `query ($ids: [ID!]) { orders(ids: $ids) { id number checkoutSession { id status amountTotal { amount currency decimal } } } }`,
      { ids: listOrders.map((order) => order.id) },
    );

    expect(result.errors).toBeUndefined();
    const expected = listOrders.map((order) => {
      const session = listSessions.find((candidate) => candidate.id === order.checkoutSessionId);
      return {
        id: order.id,
        number: order.number,
        checkoutSession: session
          ? {
              id: session.id,
              status: statuses.find((entry) => entry.status === session.status)!.expected,
              amountTotal: { amount: session.amountTotal, currency: 'EUR', decimal: (session.amountTotal / 100).toFixed(2) },
            }
          : null,
      };
    });
    expect(result.data?.orders).toEqual(expected);
    expect(paymentsFetches()).toEqual([
      expect.objectContaining({ query: expect.stringContaining('_entities'), representations: 46 }),
    ]);
    expect(payments.emulator.countCalls('/v1/checkout/sessions/')).toBe(40);
  });

  it("answers a session with its order's fields from the orders subgraph", async () => {
    const [session] = listSessions;
    const result = await query(`query ($id: ID!) { checkoutSession(id: $id) { status order { id number itemCount } } }`, {
      id: session!.id,
    });

    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      status: 'COMPLETE',
      order: { id: 'order_0', number: 'A-1000', itemCount: 1 },
    });
    expect(gateway.fetches.map((fetch) => [fetch.subgraph, fetch.representations])).toEqual([
      ['payments', 0],
      ['orders', 1],
    ]);
  });

  it('finds the order in the metadata when the session has no client reference id, and gives null when neither names it', async () => {
    const fromMetadata = { ...listSessions[0]!, id: stripeSessionId('FromMetadata'), clientReferenceId: undefined, metadata: { order_id: 'order_7' } };
    const withoutOrder = { ...listSessions[0]!, id: stripeSessionId('WithoutOrder'), clientReferenceId: undefined, metadata: { channel: 'pos' } };
    putStripeSessions([fromMetadata, withoutOrder]);

    const result = await query(
      `query ($a: ID!, $b: ID!) { a: checkoutSession(id: $a) { order { id number } } b: checkoutSession(id: $b) { order { id number } } }`,
      { a: fromMetadata.id, b: withoutOrder.id },
    );

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ a: { order: { id: 'order_7', number: 'A-1007' } }, b: { order: null } });
  });

  it("delivers the other sessions when some are missing or failing, with each error at its own order's path", async () => {
    const healthy = listSessions.slice(0, 2);
    const brokenId = stripeSessionId('BrokenBody');
    payments.emulator.injectFault(brokenId, { kind: 'body', body: '<html>Bad gateway</html>', contentType: 'text/html' });
    const mixedOrders: ExampleOrder[] = [
      { id: 'mixed_0', number: 'M-0', itemCount: 1, checkoutSessionId: healthy[0]!.id },
      { id: 'mixed_1', number: 'M-1', itemCount: 1, checkoutSessionId: stripeSessionId('NeverCreated') },
      { id: 'mixed_2', number: 'M-2', itemCount: 1, checkoutSessionId: brokenId },
      { id: 'mixed_3', number: 'M-3', itemCount: 1, checkoutSessionId: 'not a session id' },
      { id: 'mixed_4', number: 'M-4', itemCount: 1, checkoutSessionId: healthy[1]!.id },
    ];
    orders.putOrders(mixedOrders);

    const result = await query(`query ($ids: [ID!]) { orders(ids: $ids) { id checkoutSession { id status } } }`, {
      ids: mixedOrders.map((order) => order.id),
    });

    expect(result.data?.orders).toEqual([
      { id: 'mixed_0', checkoutSession: { id: healthy[0]!.id, status: 'COMPLETE' } },
      { id: 'mixed_1', checkoutSession: { id: stripeSessionId('NeverCreated'), status: null } },
      { id: 'mixed_2', checkoutSession: { id: brokenId, status: null } },
      { id: 'mixed_3', checkoutSession: { id: 'not a session id', status: null } },
      { id: 'mixed_4', checkoutSession: { id: healthy[1]!.id, status: 'OPEN' } },
    ]);
    expect(result.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.serviceName])).toEqual([
      [['orders', 1, 'checkoutSession'], 'NOT_FOUND', 'payments'],
      [['orders', 2, 'checkoutSession'], 'PROVIDER_BAD_RESPONSE', 'payments'],
      [['orders', 3, 'checkoutSession'], 'BAD_USER_INPUT', 'payments'],
    ]);
    expect(payments.emulator.countCalls('/v1/checkout/sessions/')).toBe(4);
  });

  it('answers orders paid through both providers in one query, loading both side by side in one _entities request', async () => {
    const mixedProviders: ExampleOrder[] = [
      { id: 'both_0', number: 'B-0', itemCount: 1, checkoutSessionId: listSessions[0]!.id },
      { id: 'both_1', number: 'B-1', itemCount: 2, checkoutSessionId: convergeGateCompletedId },
      { id: 'both_2', number: 'B-2', itemCount: 1, checkoutSessionId: convergeGatePendingId },
      { id: 'both_3', number: 'B-3', itemCount: 1, checkoutSessionId: listSessions[1]!.id },
    ];
    orders.putOrders(mixedProviders);

    const result = await query(
      `query ($ids: [ID!]) { orders(ids: $ids) { id checkoutSession { id provider status paymentMethodTypes amountTotal { currency } } } }`,
      { ids: mixedProviders.map((order) => order.id) },
    );

    expect(result.errors).toBeUndefined();
    const sessions = (result.data?.orders as Array<{ checkoutSession: { provider: string; status: string; paymentMethodTypes: string[] } }>).map(
      (order) => order.checkoutSession,
    );
    expect(sessions.map((session) => session.provider)).toEqual(['STRIPE', 'CONVERGE_GATE', 'CONVERGE_GATE', 'STRIPE']);
    expect(sessions[1]).toMatchObject({ status: 'COMPLETE', paymentMethodTypes: ['blik'] });
    expect(sessions[2]).toMatchObject({ status: 'PENDING' });
    expect(paymentsFetches()).toEqual([expect.objectContaining({ representations: 4 })]);
    expect(payments.emulator.countCalls('/v1/checkout/sessions/')).toBe(2);
    expect(payments.emulator.countCalls('/convergegate/v1/checkout/sessions/')).toBe(2);
  });

  describe('Cache-Control of the composed response', () => {
    const settledOrders = listOrders.filter((_, index) => index < 40 && index % 3 !== 1).map((order) => order.id);
    const openOrder = listOrders[1]!.id;
    const ordersQuery = `query ($ids: [ID!]) { orders(ids: $ids) { number checkoutSession { status amountTotal { decimal } order { id } } } }`;

    it('lets the client cache orders whose sessions are all settled for 600 seconds, privately', async () => {
      const result = await query(ordersQuery, { ids: settledOrders });
      expect(result.errors).toBeUndefined();
      expect(result.headers['cache-control']).toBe('max-age=600, private');
    });

    it('shortens the age to 5 seconds as soon as a session that can still change is in the response', async () => {
      const result = await query(ordersQuery, { ids: [...settledOrders, openOrder] });
      expect(result.errors).toBeUndefined();
      expect(result.headers['cache-control']).toBe('max-age=5, private');
    });

    it('caps the age at 30 seconds when the query asks for the refunds of settled sessions', async () => {
      const result = await query(`query ($ids: [ID!]) { orders(ids: $ids) { number checkoutSession { status refunded } } }`, {
        ids: settledOrders,
      });
      expect(result.errors).toBeUndefined();
      expect(result.headers['cache-control']).toBe('max-age=30, private');
    });

    it('forbids caching a response in which a session failed', async () => {
      orders.putOrders([{ id: 'uncached_0', number: 'U-0', itemCount: 1, checkoutSessionId: stripeSessionId('Missing') }]);
      const result = await query(ordersQuery, { ids: [...settledOrders, 'uncached_0'] });
      expect(result.errors).toHaveLength(1);
      expect(result.headers['cache-control']).toBe('no-store');
    });
  });
});

describe('the stack npm run demo starts', () => {
  let demo: DemoStack;
  beforeAll(async () => {
    demo = await startDemoStack({ environment: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, ordersPort: 0, gatewayPort: 0, logger: quietLogger() });
  });
  afterAll(() => demo?.close());

  it('answers the printed query with orders and their payments from both subgraphs', async () => {
    const result = await postGraphQL(demo.gateway.url, { query: crossSubgraphQuery });
    expect(result.errors).toBeUndefined();
    expect(result.data?.orders).toHaveLength(11);
    expect(result.data?.orders[0]).toEqual({
      number: 'A-1001',
      itemCount: 4,
      checkoutSession: {
        id: expect.stringMatching(/^cs_test_/),
        status: 'COMPLETE',
        paymentStatus: 'PAID',
        amountTotal: { amount: 5210, currency: 'EUR', decimal: '52.10' },
        order: { number: 'A-1001' },
      },
    });
    expect(result.data?.orders[5]).toEqual({
      number: 'A-1006',
      itemCount: 4,
      checkoutSession: {
        id: 'cs_test_j1_Order-1006_retry-2',
        status: 'OPEN',
        paymentStatus: 'UNPAID',
        amountTotal: { amount: 1800, currency: 'GBP', decimal: '18.00' },
        order: { number: 'A-1006' },
      },
    });
    expect(result.data?.orders[7]).toMatchObject({
      number: 'B-2001',
      checkoutSession: { status: 'COMPLETE', paymentStatus: 'PAID', amountTotal: { currency: 'PLN' }, order: { number: 'B-2001' } },
    });
  });

  it('joins every example order to its session, and each session back to that same order', async () => {
    const result = await postGraphQL<{ orders: Array<{ number: string; checkoutSession: { order: { number: string } | null } | null }> }>(
      demo.gateway.url,
      { query: crossSubgraphQuery },
    );
    expect(result.errors).toBeUndefined();
    const orderNumbers = result.data!.orders.map((order) => order.number);
    expect(orderNumbers).toEqual(['A-1001', 'A-1002', 'A-1003', 'A-1004', 'A-1005', 'A-1006', 'B-2000', 'B-2001', 'B-2002', 'B-2003', 'B-2004']);
    expect(result.data!.orders.map((order) => order.checkoutSession?.order?.number)).toEqual(orderNumbers);
  });

  it("shows only test-mode sessions in the example orders' payments", async () => {
    const result = await postGraphQL(demo.gateway.url, { query: '{ orders { checkoutSession { id provider livemode } } }' });
    const stripeTestSession = { checkoutSession: { id: expect.stringMatching(/^cs_test_/), provider: 'STRIPE', livemode: false } };
    const convergeGateTestSession = { checkoutSession: { id: expect.any(String), provider: 'CONVERGE_GATE', livemode: false } };
    expect(result.errors).toBeUndefined();
    expect(result.data?.orders).toEqual([
      ...Array(6).fill(stripeTestSession),
      ...Array(5).fill(convergeGateTestSession),
    ]);
  });

  it("counts each example order's items as its session's line items (Stripe) or metadata (Converge Gate) do, units not lines", async () => {
    const result = await postGraphQL<{
      orders: Array<{ number: string; itemCount: number; checkoutSession: { provider: string; metadata: { items?: number }; lineItems: Array<{ quantity: number }> | null } }>;
    }>(demo.gateway.url, { query: '{ orders { number itemCount checkoutSession { provider metadata lineItems { quantity } } } }' });

    expect(result.errors).toBeUndefined();
    const counted = result.data!.orders.map(({ number, checkoutSession: session }) => ({
      number,
      itemCount:
        session.provider === 'STRIPE' ? (session.lineItems ?? []).reduce((units, item) => units + item.quantity, 0) : Number(session.metadata.items),
    }));
    expect(result.data!.orders.map(({ number, itemCount }) => ({ number, itemCount }))).toEqual(counted);
    // Order 1001: three lines, two T-shirts, a mug and stickers.
    expect(counted[0]).toEqual({ number: 'A-1001', itemCount: 4 });
  });

  it("agrees with the README's sandbox table: each row's order joins back to its session, and what the row says is there", async () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Example sessions in sandbox mode'), readme.indexOf('\n## ', readme.indexOf('## Example sessions')));
    const rows = [...table.matchAll(/^\| `([^`]+)` \| `[A-Z_]+` \| [^|]+ \| (.+) \|$/gm)].map(([, id, says]) => ({ id: id!, says: says! }));
    expect(rows.length).toBeGreaterThanOrEqual(17);

    for (const { id, says } of rows) {
      const result = await postGraphQL(demo.gateway.url, {
        query: `query ($id: ID!) { checkoutSession(id: $id) {
          provider mode paymentStatus paymentIntentId amountSubtotal { amount } refunds { id }
          lineItems { amountSubtotal { amount } } order { id checkoutSession { id } }
        } }`,
        variables: { id },
      });
      expect(result.errors, id).toBeUndefined();
      const session = result.data!.checkoutSession;
      const orderNamed = /\border (\d{4})\b/.exec(says)?.[1];

      expect(session.order?.id ?? null, id).toBe(orderNamed ? `order_${orderNamed}` : null);
      if (session.order) expect(session.order.checkoutSession?.id, `${id}: its order's session`).toBe(id);
      if (/\bpaid\b/.test(says)) expect(session.paymentStatus, id).toBe('PAID');
      if (/line items|every optional part/.test(says)) expect(session.lineItems?.length, id).toBeGreaterThan(0);
      if (/refund/.test(says)) expect(session.refunds?.length, id).toBeGreaterThan(0);
      if (session.provider === 'STRIPE' && session.paymentStatus === 'PAID' && session.mode === 'PAYMENT') {
        expect(session.paymentIntentId, `${id}: paid, so a payment intent`).not.toBeNull();
      }
      if (session.lineItems?.length) {
        const lineSubtotals = session.lineItems.reduce((sum: number, item: { amountSubtotal: { amount: number } }) => sum + item.amountSubtotal.amount, 0);
        expect(lineSubtotals, `${id}: line items add up to the subtotal`).toBe(session.amountSubtotal.amount);
      }
    }
  });

  it('opens GraphiQL at the gateway URL with that query and the payment subscription filled in', async () => {
    const page = await request(demo.gateway.url, { headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const html = await page.body.text();
    expect(html).toContain('GraphiQL');
    expect(html).toContain('OrdersWithPayments');
    expect(html).toContain('PaymentOfOrder');
  });

  it('runs the page\'s subscription: the BLIK payment of order B-2004 settling, the order joined to each event', { timeout: 30_000 }, async () => {
    const updates = subscribeOverSse(demo.gateway.url, { query: paymentSubscription });
    await updates.ended;
    const order = { number: 'B-2004', itemCount: 2 };
    expect(updates.completed).toBe(true);
    // Pending until the bank settles, about 10 s after the session's first read (which an earlier test may have made).
    expect(updates.events.at(-1)).toEqual({
      data: {
        checkoutSessionUpdated: { id: 'MvG4-BlikSettlesSoon01', status: 'COMPLETE', paymentStatus: 'PAID', amountTotal: { decimal: '89.50', currency: 'PLN' }, order },
      },
    });
    for (const event of updates.events) expect(event.data?.checkoutSessionUpdated?.order).toEqual(order);
  });
});
