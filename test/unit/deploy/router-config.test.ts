import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse as parseGraphQL } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { useHarness, postGraphQL } from '../../support/harness.js';
import { codeBlocks } from '../../support/markdown-examples.js';
import { CallbackReceiver, subscribeByCallback } from '../../support/callback-receiver.js';
import { errorSentToClient, readRouterConfig, readWithAlternative, subgraphRequestHeaders, type RouterConfig } from '../../support/router-config.js';
import { subscribeOverWebSocket } from '../../support/subscription-clients.js';

const projectRoot = path.resolve(import.meta.dirname, '../../..');
const deployFolder = path.join(projectRoot, 'deploy');
const routerConfigPath = path.join(deployFolder, 'router.yaml');
const subscriptionsConfigPath = path.join(deployFolder, 'router-subscriptions.yaml');
/** Both files a user copies: the keyless one, and the GraphOS-connected one with subscriptions. */
const routerConfigFiles = [
  { file: 'deploy/router.yaml', configPath: routerConfigPath },
  { file: 'deploy/router-subscriptions.yaml', configPath: subscriptionsConfigPath },
];

interface SupergraphConfig {
  federation_version: string;
  subgraphs: Record<string, { routing_url: string; schema: { file?: string; subgraph_url?: string } }>;
}
const supergraphConfig = parseYaml(readFileSync(path.join(deployFolder, 'supergraph.yaml'), 'utf8')) as SupergraphConfig;

/** Subgraphs the config introspects at a URL, stood in for by the schema of the example that plays them. */
const introspectedStandIns: Record<string, string> = {
  orders: path.join(projectRoot, 'examples/orders-subgraph/schema.graphql'),
};

describe('deploy/supergraph.yaml', () => {
  it('composes its subgraphs, this repository\'s schema.graphql and an orders subgraph, without errors', () => {
    const services = Object.entries(supergraphConfig.subgraphs).map(([name, subgraph]) => {
      const schemaPath = subgraph.schema.file ? path.resolve(deployFolder, subgraph.schema.file) : introspectedStandIns[name];
      if (schemaPath === undefined) throw new Error(`no stand-in schema for the introspected subgraph ${name}`);
      return { name, url: subgraph.routing_url, typeDefs: parseGraphQL(readFileSync(schemaPath, 'utf8')) };
    });
    expect(path.resolve(deployFolder, supergraphConfig.subgraphs.payments?.schema.file ?? '')).toBe(path.join(projectRoot, 'schema.graphql'));

    const result = composeServices(services);

    expect(result.errors ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('PAYMENTS @join__graph(name: "payments", url: "http://payments:4001/graphql")');
    expect(result.supergraphSdl).toMatch(/type Order\s[^{]*@join__type\(graph: ORDERS, key: "id"\)/);
  });

  it('pins the federation version the tests compose with', () => {
    const composition = JSON.parse(readFileSync(path.join(projectRoot, 'node_modules/@apollo/composition/package.json'), 'utf8')) as { version: string };
    expect(supergraphConfig.federation_version).toBe(`=${composition.version}`);
  });
});

describe.each(routerConfigFiles)('$file', ({ configPath: routerConfigPath }) => {
  const routerSecret = `router_${randomBytes(16).toString('hex')}`;
  const harness = useHarness({ ROUTER_SECRET: routerSecret });
  const clientHeaders = {
    authorization: 'Bearer end-user-token',
    cookie: 'session=end-user-session',
    'x-request-id': 'req-7f3a',
    'x-forwarded-for': '203.0.113.7',
  };
  const query = { query: '{ checkoutSession(id: "cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u") { id } }' };

  it('sends the payments subgraph its Router-Secret, so a subgraph with ROUTER_SECRET set serves the router', async () => {
    const routerConfig = readRouterConfig(routerConfigPath, { ROUTER_SECRET: routerSecret });
    const sent = subgraphRequestHeaders(routerConfig, 'payments', clientHeaders);

    const throughRouter = await postGraphQL(harness.graphqlUrl, query, sent);
    const withClientHeadersOnly = await postGraphQL(harness.graphqlUrl, query, clientHeaders);

    expect(sent['router-secret']).toBe(routerSecret);
    expect(throughRouter.status).toBe(200);
    expect(throughRouter.data).toEqual({ checkoutSession: { id: 'cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u' } });
    expect(withClientHeadersOnly.status).toBe(401);
  });

  it('passes on x-request-id and keeps the end user\'s Authorization, Cookie and address from the payments subgraph', () => {
    const sent = subgraphRequestHeaders(readRouterConfig(routerConfigPath, { ROUTER_SECRET: routerSecret }), 'payments', clientHeaders);
    expect(sent).toEqual({ 'router-secret': routerSecret, 'x-request-id': 'req-7f3a' });
  });

  it('will not start without ROUTER_SECRET in its environment, rather than send requests the subgraph refuses', () => {
    expect(() => readRouterConfig(routerConfigPath, {})).toThrow('ROUTER_SECRET');
  });

  it('names only subgraphs that supergraph.yaml composes', () => {
    const routerConfig = readRouterConfig(routerConfigPath, { ROUTER_SECRET: routerSecret });
    const named = [
      ...Object.keys(routerConfig.traffic_shaping?.subgraphs ?? {}),
      ...Object.keys(routerConfig.headers?.subgraphs ?? {}),
      ...Object.keys(routerConfig.subscription?.mode?.passthrough?.subgraphs ?? {}),
    ];
    expect(named.filter((name) => !(name in supergraphConfig.subgraphs))).toEqual([]);
    expect(named).toContain('payments');
  });

  it('waits for the payments subgraph longer than its worst case, its request deadline of 15 s by default', () => {
    const timeout = readRouterConfig(routerConfigPath, { ROUTER_SECRET: routerSecret }).traffic_shaping?.subgraphs?.payments?.timeout;
    const [, amount, unit] = /^(\d+)(ms|s|m)$/.exec(timeout ?? '') ?? [];
    const milliseconds = Number(amount) * { ms: 1, s: 1_000, m: 60_000 }[unit as 'ms' | 's' | 'm'];
    expect(milliseconds).toBeGreaterThan(15_000);
  });

  it('drops an idle connection to the payments subgraph before the subgraph closes it, after 10 s by default', () => {
    const poolIdle = readRouterConfig(routerConfigPath, { ROUTER_SECRET: routerSecret }).traffic_shaping?.subgraphs?.payments?.pool_idle_timeout;
    const [, amount, unit] = /^(\d+)(ms|s)$/.exec(poolIdle ?? '') ?? [];
    const milliseconds = Number(amount) * { ms: 1, s: 1_000 }[unit as 'ms' | 's'];
    expect(milliseconds).toBeLessThan(10_000);
  });
});

describe.each(routerConfigFiles)('$file, for subgraph errors', ({ configPath: routerConfigPath }) => {
  const routerConfig = (): RouterConfig => readRouterConfig(routerConfigPath, { ROUTER_SECRET: 'router_0123456789abcdef' });

  it('is in Router 2.x\'s object form: every other subgraph redacted, the payments subgraph\'s message and listed keys kept', () => {
    const inclusion = routerConfig().include_subgraph_errors;
    expect(inclusion?.all).toEqual({ redact_message: true, allow_extensions_keys: [] });
    expect(Object.keys(inclusion?.subgraphs ?? {})).toEqual(['payments']);
    expect(inclusion?.subgraphs?.payments).toEqual({
      redact_message: false,
      // The keys docs/errors.md documents, and nothing else: no stacktrace.
      allow_extensions_keys: expect.arrayContaining(['code', 'provider', 'retryAfter', 'requestId', 'argumentName', 'status', 'providerErrorType', 'providerMessage']),
    });
    expect((inclusion?.subgraphs?.payments as { allow_extensions_keys: string[] }).allow_extensions_keys).toHaveLength(8);
    expect(errorSentToClient(routerConfig(), 'orders', { message: 'Order store down', extensions: { code: 'INTERNAL', stacktrace: ['at db'] } })).toEqual({
      message: 'Subgraph errors redacted',
      extensions: {},
    });
  });
});

describe('deploy/router-subscriptions.yaml, for subscriptions', () => {
  const routerSecret = `router_${randomBytes(16).toString('hex')}`;
  const harness = useHarness({ ROUTER_SECRET: routerSecret, CACHE: 'on' });
  const config = () => readRouterConfig(subscriptionsConfigPath, { ROUTER_SECRET: routerSecret });
  const updatesQuery = 'subscription ($id: ID!) { checkoutSessionUpdated(id: $id) { id status } }';
  const session = { id: `cs_test_routerPassthrough${'0'.repeat(40)}`, object: 'checkout.session', status: 'open', payment_status: 'unpaid' };

  it('has every rule of deploy/router.yaml, and subscriptions besides', () => {
    const { subscription, ...rules } = config();
    expect(rules).toEqual(readRouterConfig(routerConfigPath, { ROUTER_SECRET: routerSecret }));
    expect(subscription?.enabled).toBe(true);
  });

  it('passes the payments subgraph\'s subscriptions through over graphql-ws on /graphql, not the router\'s default /ws', () => {
    expect(config().subscription?.mode).toEqual({ passthrough: { subgraphs: { payments: { protocol: 'graphql_ws', path: '/graphql' } } } });
  });

  it('subscribes at the subgraph the way the router will: that path, graphql-transport-ws, its Router-Secret on the upgrade', async () => {
    harness.emulator.putStripeSession(session);
    const payments = config().subscription?.mode?.passthrough?.subgraphs?.payments;
    const sent = subgraphRequestHeaders(config(), 'payments', { authorization: 'Bearer end-user-token' });
    // Router 2.x's `graphql_ws` is the graphql-ws library's protocol, its subprotocol graphql-transport-ws.
    const updates = subscribeOverWebSocket(`${harness.subgraph.url}${payments?.path}`, { query: updatesQuery, variables: { id: session.id }, headers: sent });
    try {
      expect((await updates.eventsAtLeast(1))[0]).toEqual({ data: { checkoutSessionUpdated: { id: session.id, status: 'OPEN' } } });
    } finally {
      updates.unsubscribe();
    }
  });

  it('offers the callback alternative for the payments subgraph alone, its public URL ending in the path it listens on', () => {
    const alternative = readWithAlternative(subscriptionsConfigPath, 'callback alternative', {
      ROUTER_SECRET: routerSecret,
      ROUTER_CALLBACK_URL: 'http://router.internal:4090/callback',
    }).subscription?.mode?.callback;
    expect(alternative).toEqual({
      public_url: 'http://router.internal:4090/callback',
      listen: '0.0.0.0:4090',
      path: '/callback',
      heartbeat_interval: '5s',
      subgraphs: ['payments'],
    });
    // Not the port clients reach the router on: the callbacks are for the subgraphs' network.
    expect(alternative?.listen).not.toBe(config().supergraph?.listen);
  });

  it('serves a callback subscription the router sends with these header rules', async () => {
    harness.emulator.putStripeSession(session);
    const receiver = await CallbackReceiver.start();
    try {
      const subscription = receiver.newSubscription(100);
      const sent = subgraphRequestHeaders(config(), 'payments', {});
      const answer = await subscribeByCallback(harness.graphqlUrl, { query: updatesQuery, variables: { id: session.id }, extensions: { subscription } }, sent);
      expect(answer).toEqual({ status: 200, body: { data: null } });
      await receiver.waitFor(() => receiver.messagesOf(subscription.subscriptionId).some((message) => message.action === 'next'), 'the first event');
      // The router has forgotten it: the subgraph stops it at the next heartbeat.
      receiver.answerWith(404);
      await expect.poll(async () => ((await (await fetch(`${harness.subgraph.url}/ready`)).json()) as { subscriptions: number }).subscriptions).toBe(0);
    } finally {
      await receiver.close();
    }
  });
});

describe('docs/deployment.md\'s Hive Router settings', () => {
  const hiveRouterBlock = codeBlocks(path.join(projectRoot, 'docs/deployment.md')).find((block) => block.text.includes('error_masking:'));

  it('keep the same extension keys of the payments subgraph as deploy/router.yaml, with its messages unmasked', () => {
    const hive = parseYaml(hiveRouterBlock?.text ?? '') as {
      error_masking: { all: { enabled: boolean; extensions: { mode: string; keys: string[] } }; subgraphs: Record<string, { enabled: boolean; extensions: { mode: string; keys: string[] } }> };
    };
    const apollo = readRouterConfig(routerConfigPath, { ROUTER_SECRET: 'router_0123456789abcdef' }).include_subgraph_errors?.subgraphs?.payments as { allow_extensions_keys: string[] };

    expect(hive.error_masking.all).toEqual({ enabled: true, extensions: { mode: 'allow', keys: [] } });
    expect(hive.error_masking.subgraphs.payments).toEqual({ enabled: false, extensions: { mode: 'allow', keys: apollo.allow_extensions_keys } });
  });
});
