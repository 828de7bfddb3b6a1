import { Kind, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convergeGateCompletedId, convergeGatePendingId } from '../../src/providers/convergegate/emulator/sessions.js';
import {
  stripeCompletePaidId,
  stripeExpiredId,
  stripeFullyRefundedId,
  stripeFutureValuesId,
  stripeSeedExampleId,
} from '../../src/providers/stripe/emulator/sessions.js';
import { loadSubgraphTypeDefs } from '../../src/graphql/schema.js';
import { startHarness, type Harness } from '../support/harness.js';

// The ages the README promises.
const settled = 'max-age=600, private';
const changing = 'max-age=5, private';
const withRefunds = 'max-age=30, private';
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
    ['a completed and paid session', settled, stripeCompletePaidId],
    ['an expired session', settled, stripeExpiredId],
    ['an open session', changing, stripeSeedExampleId],
    ['a completed session still awaiting a bank debit', changing, completeAwaitingPaymentId],
    ['a session whose status is new to the subgraph', changing, stripeFutureValuesId],
  ])('lets clients cache %s privately, for its own age: %s', async (_label, expected, id) => {
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

  it('keeps a settled session cacheable, privately, with every field asked for: for the 30 seconds its refunds allow', async () => {
    const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { ${selectEveryField('CheckoutSession')} } }`, {
      id: stripeCompletePaidId,
    });
    expect(result.errors).toBeUndefined();
    expect(result.headers['cache-control']).toBe(withRefunds);
  });

  describe('when refunds are selected', () => {
    it.each([
      ['refunds', 'refunds { id status }'],
      ['amountRefunded', 'amountRefunded { amount }'],
      ['refunded', 'refunded'],
    ])('caps a settled Stripe session at 30 seconds when %s is asked for', async (_field, selection) => {
      const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { status ${selection} } }`, { id: stripeFullyRefundedId });
      expect(result.errors).toBeUndefined();
      expect(result.headers['cache-control']).toBe(withRefunds);
    });

    it('caps a settled Stripe session without a payment intent too, though it has no refunds to list', async () => {
      const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { status refunds { id } } }`, { id: stripeExpiredId });
      expect(result.errors).toBeUndefined();
      expect(result.data?.checkoutSession).toEqual({ status: 'EXPIRED', refunds: [] });
      expect(result.headers['cache-control']).toBe(withRefunds);
    });

    it('caps a settled Converge Gate session, whose refunds come inside it, at 30 seconds', async () => {
      const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { status paymentStatus refunded } }`, {
        id: convergeGateCompletedId,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?.checkoutSession).toEqual({ status: 'COMPLETE', paymentStatus: 'PAID', refunded: false });
      expect(result.headers['cache-control']).toBe(withRefunds);
    });

    it('never lengthens the 5 seconds of a session that can still change', async () => {
      const result = await harness.query(
        `query ($stripe: ID!, $blik: ID!) { stripe: checkoutSession(id: $stripe) { refunds { id } } blik: checkoutSession(id: $blik) { status refunds { id } } }`,
        { stripe: stripeSeedExampleId, blik: convergeGatePendingId },
      );
      expect(result.errors).toBeUndefined();
      expect(result.headers['cache-control']).toBe(changing);
    });

    it('caps a batch of settled entities at 30 seconds', async () => {
      const result = await harness.query(
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id amountRefunded { amount } } } }`,
        {
          representations: [stripeCompletePaidId, stripeFullyRefundedId, convergeGateCompletedId].map((id) => ({
            __typename: 'CheckoutSession',
            id,
          })),
        },
      );
      expect(result.errors).toBeUndefined();
      expect(result.headers['cache-control']).toBe(withRefunds);
    });

    it('forbids caching when the refunds could not be listed, though the session arrived', async () => {
      harness.emulator.injectFault('pi_3EmulatorRefunded1003', { kind: 'body', body: '<html>Bad gateway</html>', contentType: 'text/html' });
      const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { status refunds { id } } }`, { id: stripeFullyRefundedId });
      expect(result.data?.checkoutSession).toEqual({ status: 'COMPLETE', refunds: null });
      expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
        [['checkoutSession', 'refunds'], 'PROVIDER_BAD_RESPONSE'],
      ]);
      expect(result.headers['cache-control']).toBe('no-store');
    });
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
