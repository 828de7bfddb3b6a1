import { describe, expect, it } from 'vitest';
import {
  PaymentsError,
  ProviderUnavailableError,
  SessionNotFoundError,
} from '../../../src/errors.js';
import type { CheckoutPaymentStatus, CheckoutSessionStatus } from '../../../src/model/checkout-session.js';
import { loadConfig } from '../../../src/config/config.js';
import { isFinalSession } from '../../../src/model/session-finality.js';
import {
  readCacheTtlPolicy,
  errorTtlMs,
  readTtlMs,
  sessionTtlMs,
  type ReadCacheTtlPolicy,
} from '../../../src/sessions/read-cache-ttl.js';

const ttlMs = { open: 2_000, final: 600_000, refunds: 10_000, lineItems: 30_000, notFound: 1_500 };
const providersWithRefundsOnSession = new Set(['CONVERGE_GATE']);
const withoutWebhooks: ReadCacheTtlPolicy = { ttlMs, providersWithWebhooks: new Set(), providersWithRefundsOnSession };
const withWebhooks: ReadCacheTtlPolicy = { ttlMs, providersWithWebhooks: new Set(['STRIPE', 'CONVERGE_GATE']), providersWithRefundsOnSession };

type Row = [string, CheckoutSessionStatus | null, CheckoutPaymentStatus | null, 'with' | 'without', 'open' | 'final' | 'refunds'];

describe('how long a session is kept', () => {
  it.each<Row>([
    ['STRIPE', 'OPEN', 'UNPAID', 'without', 'open'],
    ['STRIPE', 'COMPLETE', 'PAID', 'without', 'final'],
    ['STRIPE', 'COMPLETE', 'NO_PAYMENT_REQUIRED', 'without', 'final'],
    ['STRIPE', 'COMPLETE', 'UNPAID', 'without', 'open'],
    ['STRIPE', 'COMPLETE', 'UNKNOWN', 'without', 'open'],
    ['STRIPE', 'EXPIRED', 'UNPAID', 'without', 'final'],
    ['STRIPE', 'UNKNOWN', 'PAID', 'without', 'open'],
    ['STRIPE', null, null, 'without', 'open'],
    ['STRIPE', 'COMPLETE', 'PAID', 'with', 'final'],
    ['CONVERGE_GATE', 'PENDING', 'UNPAID', 'without', 'open'],
    ['CONVERGE_GATE', 'OPEN', null, 'with', 'open'],
    ['CONVERGE_GATE', 'COMPLETE', 'PAID', 'without', 'refunds'],
    ['CONVERGE_GATE', 'EXPIRED', 'UNPAID', 'without', 'refunds'],
    ['CONVERGE_GATE', 'COMPLETE', 'PAID', 'with', 'final'],
  ])('keeps a %s session %s/%s, %s webhooks, for the %s time', (provider, status, paymentStatus, webhooks, kind) => {
    const policy = webhooks === 'with' ? withWebhooks : withoutWebhooks;
    expect(sessionTtlMs({ provider, status, paymentStatus }, policy)).toBe(ttlMs[kind]);
  });

  it('never keeps a Converge Gate session longer than its refunds when its webhooks are off, even with short refunds', () => {
    const policy: ReadCacheTtlPolicy = { ttlMs: { ...ttlMs, refunds: 500 }, providersWithWebhooks: new Set(), providersWithRefundsOnSession };
    expect(sessionTtlMs({ provider: 'CONVERGE_GATE', status: 'OPEN', paymentStatus: null }, policy)).toBe(500);
  });

  it('counts a provider as invalidated by webhooks once its webhook secret is configured', () => {
    const completed = { provider: 'CONVERGE_GATE', status: 'COMPLETE', paymentStatus: 'PAID' } as const;
    const convergeGate = { CONVERGEGATE_SECRET_KEY: 'sk_test_gateKey1', CONVERGEGATE_API_URL: 'https://pay.example.com/gateway' };
    const without = readCacheTtlPolicy(loadConfig(convergeGate));
    const withSecret = readCacheTtlPolicy(loadConfig({ ...convergeGate, CONVERGEGATE_WEBHOOK_SECRET: 'sk_test_gateKey1' }));
    expect(sessionTtlMs(completed, without)).toBe(10_000);
    expect(sessionTtlMs(completed, withSecret)).toBe(600_000);
    expect([...withSecret.providersWithWebhooks]).toEqual(['CONVERGE_GATE']);
  });

  it('calls a session final only once its data can no longer change', () => {
    expect(isFinalSession({ status: 'EXPIRED', paymentStatus: null })).toBe(true);
    expect(isFinalSession({ status: 'COMPLETE', paymentStatus: 'PAID' })).toBe(true);
    expect(isFinalSession({ status: 'COMPLETE', paymentStatus: 'UNPAID' })).toBe(false);
    expect(isFinalSession({ status: 'PENDING', paymentStatus: 'PAID' })).toBe(false);
  });
});

describe('how long a failure is kept', () => {
  it.each<[string, unknown, number]>([
    ['a session that does not exist, briefly', new SessionNotFoundError('cs_test_missing123'), ttlMs.notFound],
    ['an unavailable provider, not at all', new ProviderUnavailableError('Stripe', 'HTTP 503'), 0],
    ['a refused request, not at all', new PaymentsError('refused', 'PROVIDER_ERROR'), 0],
    ['an unexpected error, not at all', new Error('boom'), 0],
  ])('keeps %s', (_name, error, expected) => {
    expect(errorTtlMs(error, withoutWebhooks)).toBe(expected);
  });
});

describe('how long each kind of answer is kept', () => {
  const paid = { provider: 'STRIPE', status: 'COMPLETE', paymentStatus: 'PAID' } as const;
  const notFound = { ok: false, error: new SessionNotFoundError('cs_test_missing123') } as const;
  const unavailable = { ok: false, error: new ProviderUnavailableError('Stripe', 'HTTP 503') } as const;

  it('keeps a final session for the final time', () => {
    expect(readTtlMs('session', { ok: true, value: paid }, withoutWebhooks)).toBe(ttlMs.final);
  });

  it('keeps a paid session whose fees are not booked yet only as long as an open one', () => {
    expect(readTtlMs('session', { ok: true, value: { ...paid, feesAndSettlement: { pending: true } } }, withoutWebhooks)).toBe(ttlMs.open);
    expect(readTtlMs('session', { ok: true, value: { ...paid, feesAndSettlement: { pending: false } } }, withoutWebhooks)).toBe(ttlMs.final);
  });

  it("keeps an invoice's fees for the final time once booked, and as an open session's while not", () => {
    const booked = { fees: [], settlement: null, pending: false };
    expect(readTtlMs('settlement', { ok: true, value: booked }, withoutWebhooks)).toBe(ttlMs.final);
    expect(readTtlMs('settlement', { ok: true, value: { ...booked, pending: true } }, withoutWebhooks)).toBe(ttlMs.open);
  });

  it.each([
    ['refunds', 'refunds', ttlMs.refunds],
    ['line items', 'lineItems', ttlMs.lineItems],
  ] as const)('keeps %s for their own time', (_name, kind, expected) => {
    expect(readTtlMs(kind, { ok: true, value: [] }, withoutWebhooks)).toBe(expected);
  });

  it.each([
    ['a missing session', 'session', notFound, ttlMs.notFound],
    ['refunds of a missing session', 'refunds', notFound, ttlMs.notFound],
    ['line items while the provider is down', 'lineItems', unavailable, 0],
  ] as const)('keeps the failure to read %s as errors are kept', (_name, kind, outcome, expected) => {
    expect(readTtlMs(kind as 'refunds', outcome, withoutWebhooks)).toBe(expected);
  });
});
