import { describe, expect, it } from 'vitest';
import { loadSubgraphSchema } from '../../src/graphql/schema.js';

const schema = loadSubgraphSchema();

interface Described {
  name: string;
  description?: string | null | undefined;
}

// Read by shape rather than with isObjectType: @apollo/subgraph may hold another copy of graphql.
function membersOf(name: string): Described[] {
  const type = schema.getType(name) as unknown as { getFields?: () => Record<string, Described>; getValues?: () => Described[] };
  if (type.getFields) return Object.values(type.getFields());
  return type.getValues?.() ?? [];
}

describe('descriptions shown in Apollo Sandbox', () => {
  it.each(['Refund', 'CheckoutFee', 'CheckoutLineItem', 'RefundStatus', 'RefundReason', 'PaymentProvider'])(
    'describe %s and every one of its fields or values',
    (name) => {
      expect(schema.getType(name)?.description).toBeTruthy();
      const members = membersOf(name);
      expect(members.length).toBeGreaterThan(0);
      expect(members.filter((member) => !member.description).map((member) => member.name)).toEqual([]);
    },
  );

  it('describe the refund, fee and line item fields of CheckoutSession', () => {
    const undescribed = membersOf('CheckoutSession').filter(
      (field) => ['refunds', 'amountRefunded', 'refunded', 'fees', 'lineItems'].includes(field.name) && !field.description,
    );
    expect(membersOf('CheckoutSession').map((field) => field.name)).toContain('lineItems');
    expect(undescribed).toEqual([]);
  });
});
