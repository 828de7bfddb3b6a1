import { describe, expect, it } from 'vitest';
import {
  convergeGateCompletedId,
  convergeGateExpiredId,
  convergeGatePendingId,
  convergeGateRefundedId,
  convergeGateSeedExampleId,
} from '../../src/providers/convergegate/emulator/sessions.js';
import { startHarness, useHarness } from '../support/harness.js';
import { memoryLogger } from '../support/log-lines.js';

const sessionFields = `
  id provider livemode status paymentStatus mode currency
  amountSubtotal { amount currency decimal }
  amountTotal { amount currency decimal }
  customer { name firstName lastName email ipAddress phone address { city } }
  metadata paymentMethodTypes locale url successUrl cancelUrl createdAt expiresAt
  refunds { id amount { amount currency decimal } status reason createdAt }
  amountRefunded { amount currency decimal }
  refunded
  fees { type description amount { amount currency decimal } }
  lineItems { id }
`;

const sessionPath = (id: string) => `/convergegate/v1/checkout/sessions/${id}`;

describe('Converge Gate (BLIK) sessions', () => {
  const log = memoryLogger();
  const harness = useHarness({}, {}, { logger: log.logger });

  it('reads the published example under the id that was asked for, with both of its spellings', async () => {
    const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { ${sessionFields} } }`, {
      id: convergeGateSeedExampleId,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({
      id: convergeGateSeedExampleId,
      provider: 'CONVERGE_GATE',
      livemode: false,
      status: 'OPEN',
      paymentStatus: 'UNPAID',
      mode: 'PAYMENT',
      currency: 'PLN',
      amountSubtotal: { amount: 1000, currency: 'PLN', decimal: '10.00' },
      amountTotal: { amount: 1000, currency: 'PLN', decimal: '10.00' },
      customer: {
        name: 'John Doe',
        firstName: 'John',
        lastName: 'Doe',
        email: 'john@example.com',
        ipAddress: null,
        phone: null,
        address: null,
      },
      metadata: {},
      paymentMethodTypes: ['blik'],
      locale: null,
      url: `https://{provided url}/pay/${convergeGateSeedExampleId}`,
      successUrl: null,
      cancelUrl: null,
      createdAt: null,
      expiresAt: null,
      refunds: [],
      amountRefunded: { amount: 0, currency: 'PLN', decimal: '0.00' },
      refunded: false,
      fees: [],
      lineItems: [],
    });
  });

  it('calls GET {base URL with its path}/v1/checkout/sessions/{id} once, and nothing for refunds, fees or line items', async () => {
    await harness.query(`{ checkoutSession(id: "${convergeGateCompletedId}") { ${sessionFields} } }`);
    expect(harness.emulator.calls).toMatchObject([{ method: 'GET', path: sessionPath(convergeGateCompletedId) }]);
  });

  it('reads the documentation table spellings, fees, refunds and the customer of a paid session', async () => {
    const result = await harness.query(`{ checkoutSession(id: "${convergeGateCompletedId}") { ${sessionFields} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toMatchObject({
      status: 'COMPLETE',
      paymentStatus: 'PAID',
      amountSubtotal: { amount: 13_000, decimal: '130.00' },
      amountTotal: { amount: 12_620, decimal: '126.20' },
      customer: { name: 'Jan Kowalski', phone: '+48500600700', ipAddress: '203.0.113.7', email: 'jan.kowalski@example.pl' },
      metadata: { order_id: 'order_2001', channel: 'mobile', items: '3' },
      locale: 'pl-PL',
      successUrl: 'https://sklep.example.pl/zamowienie/2001/dziekujemy',
      createdAt: '2025-11-25T19:46:40.000Z',
      expiresAt: '2025-11-25T20:46:40.000Z',
      fees: [
        { type: 'processing_fee', description: 'BLIK processing fee', amount: { amount: 120, currency: 'PLN', decimal: '1.20' } },
        { type: 'discount', description: 'Loyalty discount -5 PLN', amount: { amount: -500, currency: 'PLN', decimal: '-5.00' } },
      ],
      refunds: [
        {
          id: 're_Order2001PartialA',
          amount: { amount: 2500, currency: 'PLN', decimal: '25.00' },
          status: 'SUCCEEDED',
          reason: 'REQUESTED_BY_CUSTOMER',
          createdAt: '2025-11-26T23:33:20.000Z',
        },
        { id: 're_Order2001PartialB', status: 'PENDING', reason: 'DUPLICATE' },
      ],
      amountRefunded: { amount: 2500, decimal: '25.00' },
      refunded: false,
      lineItems: [],
    });
  });

  it.each([
    [convergeGateSeedExampleId, 'OPEN', 'UNPAID'],
    [convergeGatePendingId, 'PENDING', 'UNPAID'],
    [convergeGateCompletedId, 'COMPLETE', 'PAID'],
    [convergeGateRefundedId, 'COMPLETE', 'PAID'],
    [convergeGateExpiredId, 'EXPIRED', null],
  ])('maps session %s to status %s and payment status %s', async (id, status, paymentStatus) => {
    const result = await harness.query(`{ checkoutSession(id: "${id}") { status paymentStatus mode } }`);
    expect(result.data?.checkoutSession).toEqual({ status, paymentStatus, mode: 'PAYMENT' });
  });

  it('reports a session refunded in full, in its own currency, and reads created and expire_at', async () => {
    const result = await harness.query(`{
      refunded: checkoutSession(id: "${convergeGateRefundedId}") { currency refunded amountRefunded { decimal currency } refunds { id reason } expiresAt }
      expired: checkoutSession(id: "${convergeGateExpiredId}") { createdAt fees { type } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      refunded: {
        currency: 'USD',
        refunded: true,
        amountRefunded: { decimal: '25.00', currency: 'USD' },
        refunds: [{ id: 're_Order2002Full', reason: 'FRAUDULENT' }],
        expiresAt: '2025-11-23T13:13:20.000Z',
      },
      expired: { createdAt: '2025-11-22T08:26:40.000Z', fees: [] },
    });
  });

  it('answers null, not an error, for every optional field a body leaves out', async () => {
    harness.emulator.putConvergeGateSession('MinimalBody00001', { id: 'MinimalBody00001' });
    const result = await harness.query(`{ checkoutSession(id: "MinimalBody00001") { ${sessionFields} } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toMatchObject({
      id: 'MinimalBody00001',
      status: null,
      paymentStatus: null,
      currency: null,
      amountTotal: null,
      customer: null,
      metadata: {},
      paymentMethodTypes: [],
      refunds: null,
      amountRefunded: null,
      refunded: null,
      fees: [],
      lineItems: [],
    });
  });

  it('reads fees of undocumented shapes as far as they go, and logs each shape once', async () => {
    log.lines.length = 0;
    const session = {
      id: 'OddFees000000001',
      currency: 'pln',
      status: 'completed',
      fees: [
        { name: 'Service charge', amount: '250', label: 'x' },
        { type: 'tax', amount: 1.5, currency: 'pln' },
        'flat fee',
        {},
      ],
    };
    harness.emulator.putConvergeGateSession('OddFees000000001', session);
    harness.emulator.putConvergeGateSession('OddFees000000002', { ...session, id: 'OddFees000000002' });
    const result = await harness.query(`{
      one: checkoutSession(id: "OddFees000000001") { status fees { type description amount { amount decimal } } }
      two: checkoutSession(id: "OddFees000000002") { fees { description } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.one).toEqual({
      status: 'COMPLETE',
      fees: [
        { type: null, description: 'Service charge', amount: { amount: 250, decimal: '2.50' } },
        { type: 'tax', description: null, amount: null },
      ],
    });
    const warnings = log.lines.filter((line) => line.level === 40);
    const shapes = warnings.map((line) => line.shape).filter(Boolean);
    expect(shapes.sort()).toEqual(['amount:number,currency:string,type:string', 'amount:string,label:string,name:string', 'fee:string']);
    expect(JSON.stringify(warnings)).not.toContain('Service charge');
  });

  it('leaves out a refund it cannot read, keeping the others and the session', async () => {
    harness.emulator.putConvergeGateSession('BadRefund0000001', {
      id: 'BadRefund0000001',
      currency: 'pln',
      amount_total: 1000,
      amount_refunded: 300,
      refunds: [{ id: 're_ok', amount: 300, status: 'succeeded' }, { amount: 'three hundred' }],
    });
    const result = await harness.query(`{ checkoutSession(id: "BadRefund0000001") { amountTotal { amount } refunds { id } amountRefunded { amount } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.checkoutSession).toEqual({ amountTotal: { amount: 1000 }, refunds: [{ id: 're_ok' }], amountRefunded: { amount: 300 } });
  });

  describe('errors', () => {
    it('answers NOT_FOUND for a session Converge Gate does not have', async () => {
      const result = await harness.query(`{ checkoutSession(id: "NoSuchSession0001") { id } }`);
      expect(result.data?.checkoutSession).toBeNull();
      expect(result.errors?.[0]).toMatchObject({ path: ['checkoutSession'], extensions: { code: 'NOT_FOUND' } });
    });

    it.each([
      ['unwrapped', { type: 'voucher_error', message: 'Voucher already used by jan@example.pl' }],
      ['wrapped in "error"', { error: { type: 'voucher_error', message: 'Voucher already used by jan@example.pl' } }],
    ])('reads the error type and the masked message of a %s error body', async (_form, body) => {
      harness.emulator.injectFault(convergeGatePendingId, { kind: 'status', status: 402, body: JSON.stringify(body) });
      const result = await harness.query(`{ checkoutSession(id: "${convergeGatePendingId}") { id } }`);
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'PROVIDER_ERROR',
        provider: 'Converge Gate',
        status: 402,
        providerErrorType: 'voucher_error',
        providerMessage: expect.stringContaining('Voucher already used by'),
      });
      expect(result.text).not.toContain('jan@example.pl');
    });

    it('reports RATE_LIMITED for a 429 that outlasts its retries and PROVIDER_BAD_RESPONSE for a body that is not a session', async () => {
      harness.emulator.injectFault(convergeGatePendingId, { kind: 'status', status: 429 });
      harness.emulator.injectFault(convergeGateExpiredId, { kind: 'body', body: JSON.stringify({ amount_total: 'ten' }) });
      const result = await harness.query(`{
        limited: checkoutSession(id: "${convergeGatePendingId}") { id }
        garbled: checkoutSession(id: "${convergeGateExpiredId}") { id }
        fine: checkoutSession(id: "${convergeGateCompletedId}") { id }
      }`);
      expect(result.data).toEqual({ limited: null, garbled: null, fine: { id: convergeGateCompletedId } });
      const codes = Object.fromEntries((result.errors ?? []).map((error) => [error.path?.[0], error.extensions?.code]));
      expect(codes).toEqual({ limited: 'RATE_LIMITED', garbled: 'PROVIDER_BAD_RESPONSE' });
    });
  });
});

describe('Converge Gate with a key it rejects', () => {
  it('reports PROVIDER_AUTH_FAILED and never echoes the key', async () => {
    const wrongKey = 'sk_test_wrongConvergeGateKey0000000000';
    const harness = await startHarness({ CONVERGEGATE_SECRET_KEY: wrongKey });
    try {
      const result = await harness.query(`{ checkoutSession(id: "${convergeGateSeedExampleId}") { id } }`);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', provider: 'Converge Gate' });
      expect(result.text).not.toContain(wrongKey);
      expect(result.text).not.toContain(harness.emulator.convergeGateSecretKey);
    } finally {
      await harness.close();
    }
  });
});
