import { getIntrospectionQuery } from 'graphql';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { stripeCompletePaidId, stripeSeedExampleId } from '../../src/providers/stripe/emulator/sessions.js';
import { providerUrl } from '../../src/providers/provider-url.js';
import { postGraphQL, useHarness } from '../support/harness.js';

const entitiesQuery = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`;
const representationsOf = (ids: string[]) => ids.map((id) => ({ __typename: 'CheckoutSession', id }));

describe('hostile session ids', () => {
  const harness = useHarness();

  it.each([
    ['a parent-directory path', '../../v1/customers'],
    ['a traversal after a valid prefix', 'cs_test_abcdefgh/../../v1/balance'],
    ['an encoded slash', 'cs_test_abc%2F..%2Fbalance'],
    ['a query string', 'cs_test_abcdefgh?expand[]=customer'],
    ['a fragment', 'cs_test_abcdefgh#fragment'],
    ['a NUL character', 'cs_test_abcdefgh\u0000'],
    ['a line break (header injection)', 'cs_test_abcdefgh\r\nX-Injected: 1'],
    ['a 10,000-character id', `cs_test_${'a'.repeat(10_000)}`],
    ['non-ASCII look-alikes', 'cs_test_аbcdefgh'],
  ])('refuses %s with BAD_USER_INPUT, names the argument and calls no provider', async (_case, id) => {
    const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { id } }`, { id });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id' });
    const batch = await harness.query(entitiesQuery, { representations: representationsOf([id, stripeSeedExampleId]) });
    expect(batch.data?._entities).toEqual([null, { id: stripeSeedExampleId }]);
    expect(harness.emulator.countCalls()).toBe(1);
  });

  it('always sends an id as exactly one encoded path segment', () => {
    for (const id of ['../x', 'a/b', 'a?b=c', 'a#b', 'a%2Fb', 'a b']) {
      const url = providerUrl('https://api.example.com/base/', ['v1', 'checkout', 'sessions', id]);
      expect(url.pathname.split('/')).toHaveLength(6);
      expect(decodeURIComponent(url.pathname.split('/').at(-1)!)).toBe(id);
      expect(url.search).toBe('');
      expect(url.hash).toBe('');
    }
  });
});

describe('limits on what one request may ask', () => {
  const harness = useHarness({ MAX_ENTITIES_PER_REQUEST: '5', MAX_QUERY_DEPTH: '3', MAX_QUERY_COST: '80' });

  it('answers more representations than MAX_ENTITIES_PER_REQUEST with BAD_USER_INPUT and no provider call', async () => {
    const ids = Array.from({ length: 6 }, (_, index) => `cs_test_limit${index}abcdefgh`);
    const result = await harness.query(entitiesQuery, { representations: representationsOf(ids) });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/6 checkout sessions; at most 5 .*MAX_ENTITIES_PER_REQUEST/);
    expect(harness.emulator.countCalls()).toBe(0);
  });

  it('counts aliased checkoutSession fields against the same limit', async () => {
    const aliases = Array.from({ length: 6 }, (_, index) => `s${index}: checkoutSession(id: "${stripeSeedExampleId}") { id }`);
    const result = await harness.query(`{ ${aliases.join(' ')} }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(harness.emulator.countCalls()).toBe(0);
  });

  it('serves a batch right at the limit', async () => {
    const result = await harness.query(entitiesQuery, {
      representations: representationsOf([stripeSeedExampleId, stripeCompletePaidId, stripeSeedExampleId]),
    });
    expect(result.errors).toBeUndefined();
  });

  it('refuses a query nested deeper than MAX_QUERY_DEPTH, fragments included', async () => {
    const result = await harness.query(`
      query { checkoutSession(id: "${stripeSeedExampleId}") { ...Deep } }
      fragment Deep on CheckoutSession { shippingCost { amountTotal { amount } } }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/depth 4 exceeds the limit of 3 \(MAX_QUERY_DEPTH\)/);
    expect(harness.emulator.countCalls()).toBe(0);
  });


  it('refuses a query whose cost passes MAX_QUERY_COST', async () => {
    const fields = 'id status paymentStatus mode currency amountTotal { amount currency decimal } customer { email name }';
    const representations = representationsOf([stripeSeedExampleId, stripeCompletePaidId, stripeSeedExampleId, stripeCompletePaidId]);
    const result = await harness.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { ${fields} } } }`,
      { representations },
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/cost 88 exceeds the limit of 80 \(MAX_QUERY_COST\)/);
    expect(harness.emulator.countCalls()).toBe(0);
  });

  it('costs the same query alike every time it is sent, and by the @include conditions of each request', async () => {
    const fields = 'id status paymentStatus mode currency amountTotal { amount currency decimal } customer { email name }';
    const session = (alias: string, condition = '') => `${alias}: checkoutSession(id: "${stripeSeedExampleId}")${condition} { ${fields} }`;
    const costly = `{ ${['a', 'b', 'c', 'd'].map((alias) => session(alias)).join(' ')} }`;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const refused = await harness.query(costly);
      expect(refused.errors?.[0]?.message).toMatch(/cost 88 exceeds the limit of 80 \(MAX_QUERY_COST\)/);
    }

    const conditional = `query ($all: Boolean!) { ${session('a')} ${session('b')} ${session('c', ' @include(if: $all)')} ${session('d', ' @include(if: $all)')} }`;
    expect((await harness.query(conditional, { all: false })).errors).toBeUndefined();
    expect((await harness.query(conditional, { all: true })).errors?.[0]?.message).toMatch(/cost 88 exceeds the limit of 80/);
    expect((await harness.query(conditional, { all: false })).errors).toBeUndefined();
  });

  it('refuses a query with more selections than are costed, however cheap each one is', async () => {
    const fields = 'id status paymentStatus mode currency amountTotal { amount currency decimal } customer { email name }';
    const representations = representationsOf([stripeSeedExampleId, stripeCompletePaidId, stripeSeedExampleId, stripeCompletePaidId]);
    const typenames = Array.from({ length: 10_000 }, (_, index) => `t${index}: __typename`).join(' ');
    const result = await harness.query(
      `query ($representations: [_Any!]!) { ${typenames} _entities(representations: $representations) { ... on CheckoutSession { ${fields} } } }`,
      { representations },
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/exceeds the limit of 80 \(MAX_QUERY_COST\): it has more than 10000 selections/);
    expect(harness.emulator.countCalls()).toBe(0);
  });

  it('still leaves variables that do not fit to GraphQL’s own error', async () => {
    const result = await harness.query(entitiesQuery, { representations: null });
    expect(result.errors?.[0]?.message).toMatch(/\$representations/);
    expect(harness.emulator.countCalls()).toBe(0);
  });

  it('counts the representations of a variable’s default value against MAX_ENTITIES_PER_REQUEST', async () => {
    const ids = Array.from({ length: 6 }, (_, index) => `cs_test_limit${index}abcdefgh`);
    const asDefault = JSON.stringify(representationsOf(ids)).replace(/"(__typename|id)":/g, '$1:');
    const result = await harness.query(
      `query Q($representations: [_Any!]! = ${asDefault}) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`,
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/6 checkout sessions; at most 5 .*MAX_ENTITIES_PER_REQUEST/);
    expect(harness.emulator.countCalls()).toBe(0);
  });

  it('counts representations written in the document against MAX_ENTITIES_PER_REQUEST', async () => {
    const ids = Array.from({ length: 6 }, (_, index) => `cs_test_limit${index}abcdefgh`);
    const literal = JSON.stringify(representationsOf(ids)).replace(/"(__typename|id)":/g, '$1:');
    const result = await harness.query(`{ _entities(representations: ${literal}) { ... on CheckoutSession { id } } }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/6 checkout sessions; at most 5/);
    expect(harness.emulator.countCalls()).toBe(0);
  });

  it('keeps Apollo’s CSRF prevention on: a simple cross-site request is refused', async () => {
    const viaGet = await request(`${harness.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(viaGet.statusCode).toBe(400);
    expect(await viaGet.body.text()).toMatch(/CSRF/i);
    const viaForm = await request(harness.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(viaForm.statusCode).toBe(400);
    expect(await viaForm.body.text()).toMatch(/CSRF/i);
  });
});

describe('introspection and the limits (defaults)', () => {
  const harness = useHarness({ MAX_QUERY_DEPTH: '3' });

  it('does not count introspection towards the depth limit', async () => {
    const result = await harness.query(`{ __schema { types { fields { type { ofType { ofType { name } } } } } } }`);
    expect(result.errors).toBeUndefined();
  });

  it('serves the introspection query Apollo Sandbox and Rover send', async () => {
    const sandboxQuery = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    for (const query of [getIntrospectionQuery(), sandboxQuery]) {
      const result = await postGraphQL(harness.graphqlUrl, { query });
      expect(result.errors).toBeUndefined();
      expect(result.data?.__schema).toBeDefined();
    }
  });

  it('counts each introspection answer in the cost: 500 aliased __schema selections are refused', async () => {
    const aliases = Array.from({ length: 500 }, (_, index) => `s${index}: __schema { types { name fields { name } } }`).join(' ');
    const result = await harness.query(`{ ${aliases} }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/exceeds the limit of 50000 \(MAX_QUERY_COST\)/);
    expect(result.text.length).toBeLessThan(1000);
  });
});

describe('with INTROSPECTION=false', () => {
  const harness = useHarness({ INTROSPECTION: 'false' });

  it('refuses introspection but still serves the SDL the router composes from', async () => {
    const introspection = await harness.query(`{ __schema { queryType { name } } }`);
    expect(introspection.errors?.[0]?.message).toBe(
      'Introspection is off on this subgraph: set INTROSPECTION=true to turn it on (it is off by default with NODE_ENV=production). The router composes from _service { sdl }, which is always served.',
    );
    expect(introspection.errors?.[0]?.message).not.toContain('ApolloServer');
    const sdl = await harness.query(`{ _service { sdl } }`);
    expect(sdl.data?._service.sdl).toContain('type CheckoutSession');
  });

  it('suggests no field names in its error messages', async () => {
    const result = await harness.query(`{ checkoutSession(id: "cs_test_abcdefgh") { amountTotl { amount } } }`);
    expect(result.errors?.[0]?.message).toMatch(/Cannot query field "amountTotl"/);
    expect(result.text).not.toMatch(/Did you mean/);
  });

  it('serves no Sandbox page', async () => {
    const response = await request(harness.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(await response.body.text()).not.toMatch(/sandbox/i);
  });
});

describe('with ROUTER_SECRET set', () => {
  const secret = 'router-secret-3f9a1c7e5b';
  const harness = useHarness({ ROUTER_SECRET: secret });

  const sessionQuery = { query: `{ checkoutSession(id: "${stripeSeedExampleId}") { id } }` };

  it.each([
    ['no Router-Secret header', {}],
    ['a wrong Router-Secret', { 'router-secret': 'guess' }],
    ['the secret with a suffix', { 'router-secret': `${secret}x` }],
  ])('answers a request with %s with 401 and does no work', async (_case, headers: Record<string, string>) => {
    const result = await postGraphQL(harness.graphqlUrl, sessionQuery, headers);
    expect(result.status).toBe(401);
    expect(result.text).not.toContain(secret);
    expect(harness.emulator.countCalls()).toBe(0);
  });

  it('serves the router, which sends the secret', async () => {
    const result = await postGraphQL(harness.graphqlUrl, sessionQuery, { 'router-secret': secret });
    expect(result.data).toEqual({ checkoutSession: { id: stripeSeedExampleId } });
  });

  it('keeps /health open for load balancers', async () => {
    const response = await request(`${harness.subgraph.url}/health`);
    expect(response.statusCode).toBe(200);
    await response.body.dump();
  });
});

describe('what a provider says, as the client sees it', () => {
  const harness = useHarness();

  it('passes on a provider error message only with keys, emails and addresses masked', async () => {
    const key = harness.emulator.stripeSecretKey;
    const message = `Request with ${key} for jenny.rosen@example.com from 198.51.100.23 was invalid`;
    harness.emulator.injectFault(stripeCompletePaidId, {
      kind: 'status',
      status: 400,
      body: JSON.stringify({ error: { type: 'invalid_request_error', message } }),
    });
    const result = await harness.query(`{ checkoutSession(id: "${stripeCompletePaidId}") { id } }`);
    expect(result.errors?.[0]?.extensions?.providerMessage).toBe(
      'Request with [redacted key] for [redacted email] from [redacted ip] was invalid',
    );
    for (const secretOrPersonal of [key, 'jenny.rosen@example.com', '198.51.100.23']) {
      expect(result.text).not.toContain(secretOrPersonal);
    }
    expect(result.text).not.toMatch(/stacktrace|at \w+ \(/);
  });
});
