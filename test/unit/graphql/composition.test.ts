import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { Kind, parse, print, type DefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaPath } from '../../../src/graphql/schema.js';

const payments = { name: 'payments', url: 'http://payments.invalid/graphql', typeDefs: parse(readFileSync(schemaPath, 'utf8')) };

// An ordinary commerce graph's orders subgraph: its own money, address and refund types,
// named the way most graphs name them, with plain Int amounts, none of them @shareable.
const ordersWithTheirOwnTypes = {
  name: 'orders',
  url: 'http://orders.invalid/graphql',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

    type Query {
      order(id: ID!): Order
    }

    type Money {
      amount: Int!
      currency: String!
    }

    type PostalAddress {
      line1: String
      city: String
      postalCode: String
      country: String
    }

    enum RefundStatus {
      REQUESTED
      APPROVED
      REJECTED
    }

    enum PaymentProvider {
      IN_STORE
      ONLINE
    }

    type Refund {
      id: ID!
      amount: Money!
      status: RefundStatus!
    }

    type Order @key(fields: "id") {
      id: ID!
      total: Money!
      shippingAddress: PostalAddress
      refunds: [Refund!]!
      paidWith: PaymentProvider
      checkoutSession: CheckoutSession
    }

    type CheckoutSession @key(fields: "id", resolvable: false) {
      id: ID!
    }
  `),
};

/** The supergraph's definitions by name, or the composition errors. */
function compose(services: (typeof payments)[]): { errors: string[]; definitions: Map<string, DefinitionNode> } {
  const result = composeServices(services);
  if (result.errors) return { errors: result.errors.map((error) => error.message), definitions: new Map() };
  const named = parse(result.supergraphSdl).definitions.flatMap((definition) =>
    'name' in definition && definition.name ? [[definition.name.value, definition] as const] : [],
  );
  return { errors: [], definitions: new Map(named) };
}

/** Each field of an object type in the supergraph, with its type as GraphQL prints it. */
function fieldTypes(definitions: Map<string, DefinitionNode>, typeName: string): Record<string, string> {
  const definition = definitions.get(typeName);
  if (definition?.kind !== Kind.OBJECT_TYPE_DEFINITION) throw new Error(`no object type ${typeName} in the supergraph`);
  return Object.fromEntries((definition.fields ?? []).map((field) => [field.name.value, print(field.type)]));
}

function enumValues(definitions: Map<string, DefinitionNode>, typeName: string): string[] {
  const definition = definitions.get(typeName);
  if (definition?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error(`no enum ${typeName} in the supergraph`);
  return (definition.values ?? []).map((value) => value.name.value);
}

describe('schema.graphql', () => {
  it('composes as a Federation 2 subgraph', () => {
    const result = composeServices([payments]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('type CheckoutSession');
    expect(result.supergraphSdl).toMatch(/join__type\(graph: PAYMENTS, key: "id"\)/);
  });

  it("composes with an orders subgraph that has its own Money, PostalAddress, Refund, RefundStatus and PaymentProvider, each keeping its owner's shape", () => {
    const { errors, definitions } = compose([payments, ordersWithTheirOwnTypes]);
    expect(errors).toEqual([]);

    expect(fieldTypes(definitions, 'Money')).toEqual({ amount: 'Int!', currency: 'String!' });
    expect(fieldTypes(definitions, 'PostalAddress')).toEqual({ line1: 'String', city: 'String', postalCode: 'String', country: 'String' });
    expect(fieldTypes(definitions, 'Refund')).toEqual({ id: 'ID!', amount: 'Money!', status: 'RefundStatus!' });
    expect(enumValues(definitions, 'RefundStatus')).toEqual(['REQUESTED', 'APPROVED', 'REJECTED']);
    expect(enumValues(definitions, 'PaymentProvider')).toEqual(['IN_STORE', 'ONLINE']);

    expect(fieldTypes(definitions, 'CheckoutMoney')).toEqual({ amount: 'SafeInt!', currency: 'String!', decimal: 'String!' });
    expect(fieldTypes(definitions, 'CheckoutRefund')).toMatchObject({ amount: 'CheckoutMoney!', status: 'CheckoutRefundStatus' });
    expect(fieldTypes(definitions, 'CheckoutSession')).toMatchObject({ provider: 'CheckoutPaymentProvider!', refunds: '[CheckoutRefund!]' });
    expect(fieldTypes(definitions, 'Order')).toMatchObject({ total: 'Money!', checkoutSession: 'CheckoutSession' });
  });
});
