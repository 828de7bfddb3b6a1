import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSubgraphTypeDefs } from '../../src/graphql/schema.js';
import { postGraphQL, useHarness } from '../support/harness.js';

describe('Hive Gateway in front of the payments subgraph, with its defaults', () => {
  const harness = useHarness({ CONVERGEGATE_SECRET_KEY: '' });
  let gateway: GatewayRuntime;
  let server: Server;
  let gatewayUrl: string;

  beforeAll(async () => {
    const composition = composeServices([{ name: 'payments', url: harness.graphqlUrl, typeDefs: loadSubgraphTypeDefs() }]);
    if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('\n'));
    gateway = createGatewayRuntime({ supergraph: composition.supergraphSdl, logging: false });
    server = createServer(gateway);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server?.close();
    await gateway?.dispose();
  });

  it("passes the subgraph's typed errors to the client with their message and every extension key, adding serviceName", async () => {
    const refusedId = 'cs_test_hiveGatewayRefused';
    harness.emulator.putStripeSession({ id: refusedId, object: 'checkout.session', status: 'complete' });
    harness.emulator.injectFault(refusedId, {
      kind: 'status',
      status: 400,
      headers: { 'request-id': 'req_hiveGateway400' },
      body: JSON.stringify({ error: { type: 'invalid_request_error', message: 'No such checkout.session' } }),
    });
    const ids = ['cs_test_hiveGatewayNeverCreated', 'not a session id', 'CmP1_Order2001PaidBlik', refusedId];
    const direct = await Promise.all(ids.map((id) => postGraphQL(harness.graphqlUrl, { query: `{ checkoutSession(id: ${JSON.stringify(id)}) { id } }` })));

    const throughGateway = await Promise.all(ids.map((id) => postGraphQL(gatewayUrl, { query: `{ checkoutSession(id: ${JSON.stringify(id)}) { id } }` })));

    expect(direct.map((answer) => answer.errors?.[0]?.extensions?.code)).toEqual(['NOT_FOUND', 'BAD_USER_INPUT', 'PROVIDER_NOT_CONFIGURED', 'PROVIDER_ERROR']);
    for (const [index, answer] of throughGateway.entries()) {
      const [sent] = direct[index]!.errors!;
      expect(answer.data, ids[index]).toEqual({ checkoutSession: null });
      expect(answer.errors, ids[index]).toEqual([
        { message: sent!.message, path: ['checkoutSession'], extensions: { ...sent!.extensions, serviceName: 'payments' } },
      ]);
    }
    expect(throughGateway[3]?.errors?.[0]?.extensions).toMatchObject({
      provider: 'Stripe',
      status: 400,
      providerErrorType: 'invalid_request_error',
      providerMessage: 'No such checkout.session',
      requestId: 'req_hiveGateway400',
    });
  });
});
