import { describe, expect, it } from 'vitest';
import { convergeGateSessions } from '../../../../src/providers/convergegate/emulator/sessions.js';
import { convergeGateIdentity } from '../../../../src/providers/convergegate/identity.js';
import { toCheckoutSession } from '../../../../src/providers/convergegate/map.js';
import { convergeGateWireSession } from '../../../../src/providers/convergegate/wire.js';
import { WireWarnings } from '../../../../src/providers/wire-readers.js';
import { quietLogger } from '../../../support/log-lines.js';

const warnings = new WireWarnings(convergeGateIdentity, quietLogger());

function mapped(body: Record<string, unknown>, requestedId = 'Requested0000001') {
  return toCheckoutSession(convergeGateWireSession.parse({ id: 'BodyId0000000001', ...body }), requestedId, warnings);
}

describe('Converge Gate wire → model', () => {
  it.each([
    ['amount_subtotal', { amount_subtotal: 900 }, 900],
    ['amount_sub_total', { amount_sub_total: 800 }, 800],
    ['the table spelling when both are sent', { amount_subtotal: 900, amount_sub_total: 800 }, 900],
  ])('reads the subtotal from %s', (_case, body, amount) => {
    expect(mapped({ currency: 'pln', ...body }).amountSubtotal).toEqual({ amount, currency: 'PLN', minorUnitDigits: 2 });
  });

  it.each([
    ['expires_at', 'expiresAt', { expires_at: 1_700_000_000 }],
    ['expire_at', 'expiresAt', { expire_at: 1_700_000_000 }],
    ['created_at', 'createdAt', { created_at: 1_700_000_000 }],
    ['created', 'createdAt', { created: 1_700_000_000 }],
  ] as const)('reads %s as %s', (_wire, field, body) => {
    expect(mapped(body)[field]).toEqual(new Date(1_700_000_000_000));
  });

  it.each([
    ['open', 'OPEN', 'UNPAID'],
    ['pending', 'PENDING', 'UNPAID'],
    ['completed', 'COMPLETE', 'PAID'],
    ['expired', 'EXPIRED', null],
    ['disputed', 'UNKNOWN', null],
  ])('maps status %s to %s with payment status %s', (status, expected, paymentStatus) => {
    expect(mapped({ status })).toMatchObject({ status: expected, paymentStatus, mode: 'PAYMENT' });
  });

  it('keeps the id that was asked for, not the one in the body', () => {
    expect(mapped({}, '2AW-kLcRRC5P8U68CYe0kVA').id).toBe('2AW-kLcRRC5P8U68CYe0kVA');
  });

  it('uses ISO 4217 minor units: no decimals for a zero-decimal currency', () => {
    expect(mapped({ currency: 'jpy', amount_total: 500 }).amountTotal).toEqual({ amount: 500, currency: 'JPY', minorUnitDigits: 0 });
  });

  it('answers null for blank URLs and locale, and keeps metadata values as strings', () => {
    const session = mapped({ success_url: '', cancel_url: ' ', locale: '', metadata: { order: 17, gift: true, note: null, ref: 'a' } });
    expect(session).toMatchObject({ successUrl: null, cancelUrl: null, locale: null, metadata: { order: '17', gift: 'true', ref: 'a' } });
  });

  it('fills only the customer fields that were sent, and no customer when none were', () => {
    expect(mapped({ customer_lastname: 'Doe', customer_phone: '+48123' }).customer).toEqual({
      email: null,
      name: 'Doe',
      firstName: null,
      lastName: 'Doe',
      phone: '+48123',
      ipAddress: null,
      address: null,
    });
    expect(mapped({}).customer).toBeNull();
  });

  it('takes a refund in the currency it names over the session currency', () => {
    const session = mapped({ currency: 'pln', refunds: [{ id: 're_1', amount: 100, currency: 'eur', status: 'succeeded' }] });
    expect(session.paymentSource).toMatchObject({
      kind: 'session-body',
      summary: { refunds: [{ id: 're_1', amount: { amount: 100, currency: 'EUR' }, status: 'SUCCEEDED' }] },
    });
  });

  it('leaves out a refund with no currency to be counted in, and one it cannot read, and keeps the others', () => {
    const session = mapped({
      currency: 'pln',
      amount_refunded: 300,
      refunds: [{ id: 're_1', amount: 100, currency: 'pln' }, { id: 're_2', amount: 'lots' }, 'oops', { id: 're_3', amount: 200 }],
    });
    expect(session.paymentSource).toMatchObject({
      kind: 'session-body',
      summary: { refunds: [{ id: 're_1' }, { id: 're_3' }], amountRefunded: { amount: 300, currency: 'PLN' } },
    });
    const noCurrency = mapped({ refunds: [{ id: 're_1', amount: 100 }] });
    expect(noCurrency.paymentSource).toEqual({ kind: 'session-body', summary: { refunds: [], amountRefunded: null, refunded: null } });
  });

  it('answers refunds null when they are not a list', () => {
    expect(mapped({ refunds: { id: 're_1' } }).paymentSource).toMatchObject({ summary: { refunds: null } });
  });

  it('leaves out a nested metadata value and keeps the session and the other values', () => {
    expect(mapped({ metadata: { order_id: 'order_9', cart: { items: 3 }, tags: ['a'], count: 2 } }).metadata).toEqual({ order_id: 'order_9', count: '2' });
  });

  it('reads a single fee object sent without a list', () => {
    expect(mapped({ currency: 'pln', fees: { type: 'fee', amount: 99 } }).feesAndSettlement.fees).toEqual([
      { type: 'fee', description: null, amount: { amount: 99, currency: 'PLN', minorUnitDigits: 2 } },
    ]);
  });

  it('reads every session the emulator serves', () => {
    for (const [id, body] of convergeGateSessions) {
      expect(convergeGateWireSession.safeParse(body).success, id).toBe(true);
    }
  });
});
