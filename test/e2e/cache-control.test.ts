import { Kind, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  stripeCompletePaidId,
  stripeExpiredId,
  stripeFutureValuesId,
  stripeSeedExampleId,
} from '../../src/emulator/data/stripe-sessions.js';
import { cacheAges } from '../../src/graphql/cache-hints.js';
import { loadSubgraphTypeDefs } from '../../src/graphql/schema.js';
import { startHarness, type Harness } from '../support/harness.js';

const settled = `max-age=${cacheAges.settledSession}, private`;
const changing = `max-age=${cacheAges.changingSession}, private`;
const completeAwaitingPaymentId = 'cs_test_cacheCompleteAwaitingDebit';

const typeDefs = loadSubgraphTypeDefs().definitions;
const objectTypes = new Map(
  typeDefs
    .filter((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION)
    .map((definition) => [definition.name.value, definition]),
);
const abstractTypes = new Set(
  typeDefs.flatMap((definition) =>
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION || definition.kind === Kind.UNION_TYPE_DEFINITION ? [definition.name.value] : [],
  ),
);

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Every field of a type that needs no argument, nested objects included, so that a new field is covered too. */
function selectEveryField(typeName: string, depth = 0): string {
  const fields = objectTypes.get(typeName)?.fields ?? [];
  return fields
    .filter((field) => !(field.arguments ?? []).some((argument) => argument.type.kind === Kind.NON_NULL_TYPE))
    .map((field) => {
      const fieldType = namedType(field.type);
      if (abstractTypes.has(fieldType)) return `${field.name.value} { __typename }`;
      if (!objectTypes.has(fieldType)) return field.name.value;
      const selection = depth < 4 ? selectEveryField(fieldType, depth + 1) : '__typename';
      return `${field.name.value} { ${selection} }`;
    })
    .join(' ');
}

describe('Cache-Control of the subgraph response', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
    harness.emulator.putStripeSession({
      id: completeAwaitingPaymentId,
      object: 'checkout.session',
      status: 'complete',
      payment_status: 'unpaid',
      payment_method_types: ['sepa_debit'],
      amount_total: 2500,
      currency: 'eur',
    });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.emulator.clearFaults());

  const sessionQuery = `query ($id: ID!) { checkoutSession(id: $id) { id status paymentStatus amountTotal { amount } } }`;

  it.each([
    ['a completed and paid session', stripeCompletePaidId, settled],
    ['an expired session', stripeExpiredId, settled],
    ['an open session', stripeSeedExampleId, changing],
    ['a completed session still awaiting a bank debit', completeAwaitingPaymentId, changing],
    ['a session whose status is new to the subgraph', stripeFutureValuesId, changing],
  ])('lets clients cache %s for its own age, privately', async (_label, id, expected) => {
    const result = await harness.query(sessionQuery, { id });
    expect(result.errors).toBeUndefined();
    expect(result.headers['cache-control']).toBe(expected);
  });

  it('gives a batch of entities the age of its most changeable session', async () => {
    const result = await harness.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id status } } }`,
      {
        representations: [stripeCompletePaidId, stripeSeedExampleId, stripeExpiredId].map((id) => ({
          __typename: 'CheckoutSession',
          id,
        })),
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.headers['cache-control']).toBe(changing);
  });

  it('keeps a settled session cacheable, privately, whichever of its fields are asked for', async () => {
    const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { ${selectEveryField('CheckoutSession')} } }`, {
      id: stripeCompletePaidId,
    });
    expect(result.errors).toBeUndefined();
    expect(result.headers['cache-control']).toMatch(/^max-age=[1-9]\d*, private$/);
  });

  it('forbids caching a response that carries an error, even next to a settled session', async () => {
    const result = await harness.query(
      `query ($a: ID!, $b: ID!) { a: checkoutSession(id: $a) { id } b: checkoutSession(id: $b) { id } }`,
      { a: stripeCompletePaidId, b: 'cs_test_cacheSessionThatDoesNotExist' },
    );
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(result.headers['cache-control']).toBe('no-store');
  });

  it('forbids caching when the provider sends something unreadable', async () => {
    harness.emulator.injectFault(stripeCompletePaidId, { kind: 'body', body: 'upstream timeout', contentType: 'text/plain' });
    const result = await harness.query(sessionQuery, { id: stripeCompletePaidId });
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['PROVIDER_BAD_RESPONSE']);
    expect(result.headers['cache-control']).toBe('no-store');
  });
});
