import { describe, expect, it } from 'vitest';
import { orderIdOf } from '../../../src/model/order-reference.js';

describe('orderIdOf', () => {
  it.each([
    ['the client reference id', 'order_1', { order_id: 'order_2' }, 'order_1'],
    ['the metadata entry when there is no client reference id', null, { order_id: 'order_2' }, 'order_2'],
    ['the metadata entry when the client reference id is blank', '  ', { order_id: 'order_2' }, 'order_2'],
    ['null when neither is there', null, { channel: 'web' }, null],
    ['null when the metadata entry is blank', null, { order_id: '' }, null],
  ])('takes %s', (_label, clientReferenceId, metadata, expected) => {
    expect(orderIdOf({ clientReferenceId, metadata }, 'order_id')).toBe(expected);
  });

  it('reads the metadata key it is given', () => {
    const session = { clientReferenceId: null, metadata: { order_id: 'wrong', shop_order: 'order_9' } };
    expect(orderIdOf(session, 'shop_order')).toBe('order_9');
  });
});
