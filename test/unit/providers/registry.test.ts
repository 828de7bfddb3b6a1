import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { convergeGateCompletedId, convergeGateSessions } from '../../../src/providers/convergegate/emulator/sessions.js';
import type { CheckoutSession } from '../../../src/model/checkout-session.js';
import { newRequestTally } from '../../../src/request-tally.js';
import { toCheckoutSession } from '../../../src/providers/convergegate/map.js';
import { convergeGateProvider } from '../../../src/providers/convergegate/provider.js';
import { convergeGateWireSession } from '../../../src/providers/convergegate/wire.js';
import { providerRegistry } from '../../../src/providers/registry.js';
import { stripeProvider } from '../../../src/providers/stripe/provider.js';
import { WireWarnings } from '../../../src/providers/wire-readers.js';
import { RequestBodies } from '../../../src/server/request-bodies.js';
import { readCacheTtlPolicy, sessionTtlMs } from '../../../src/sessions/read-cache-ttl.js';
import { SessionRouter } from '../../../src/sessions/router.js';
import { storedCheckoutSession, storedCheckoutSessionOf } from '../../../src/sessions/stored-model.js';
import { DeliveredEvents } from '../../../src/webhooks/delivered-events.js';
import { createProviderWebhookRoutes } from '../../../src/webhooks/webhook-routes.js';
import { quietLogger } from '../../support/log-lines.js';
import { testPayClient, testPayModule, testPaySection } from '../../support/test-pay-provider.js';

function request(method: string, headers: Record<string, string>, body: string): IncomingMessage {
  return Object.assign(Readable.from([Buffer.from(body)]), { method, headers: { 'content-length': String(body.length), ...headers } }) as unknown as IncomingMessage;
}

function response(): ServerResponse & { answered?: { status: number; body: unknown } } {
  const sent: { answered?: { status: number; body: unknown }; status?: number } = {};
  const fake = {
    setHeader: () => fake,
    writeHead: (status: number) => {
      sent.status = status;
      return fake;
    },
    end: (text: string) => {
      sent.answered = { status: sent.status ?? 200, body: JSON.parse(text) };
      return fake;
    },
    get answered() {
      return sent.answered;
    },
  };
  return fake as unknown as ServerResponse & { answered?: { status: number; body: unknown } };
}

describe('the provider registry', () => {
  it('lists Stripe before Converge Gate, whose id shape claims every id', () => {
    expect(providerRegistry.map((module) => module.key)).toEqual(['stripe', 'convergegate']);
    expect(providerRegistry.map((module) => module.label)).toEqual(['Stripe', 'Converge Gate']);
  });

  it('routes ids to a third provider listed before Converge Gate, and to Converge Gate when it is listed after it', () => {
    const testPay = testPayModule();
    const router = new SessionRouter([testPayClient], [stripeProvider, testPay, convergeGateProvider]);
    expect(router.providerFor('tp_abcdefgh').label).toBe('Test Pay');
    expect(() => router.providerFor('tp_1')).toThrow('a Test Pay id is tp_ and 8 letters');
    expect(() => router.providerFor('cs_test_a1')).toThrow('Stripe');

    const claimedFirst = new SessionRouter([testPayClient], [stripeProvider, convergeGateProvider, testPay]);
    expect(() => claimedFirst.providerFor('tp_abcdefgh')).toThrow('Converge Gate');
  });

  it('serves a third provider its webhook route at /webhooks/<key>, verifying with its source, and names its secret while unset', async () => {
    const evicted: string[] = [];
    const options = {
      bodies: new RequestBodies(1024, 4),
      evictSession: async (sessionId: string) => {
        evicted.push(sessionId);
        return true;
      },
      deliveredEvents: new DeliveredEvents({ memoryMs: 60_000 }),
      logger: quietLogger(),
    };
    const { webhooks, providers } = loadConfig({});
    const routes = createProviderWebhookRoutes(webhooks, { ...providers, testpay: testPaySection('tp_whsecret') }, options, [stripeProvider, testPayModule(), convergeGateProvider]);
    expect([...routes.keys()]).toEqual(['/webhooks/stripe', '/webhooks/testpay', '/webhooks/convergegate']);

    const verified = response();
    const delivery = JSON.stringify({ id: 'evt_1', session: 'tp_abcdefgh' });
    await routes.get('/webhooks/testpay')!(request('POST', { 'x-testpay-secret': 'tp_whsecret' }, delivery), verified, newRequestTally('r1'));
    expect(verified.answered).toEqual({ status: 200, body: { received: true } });
    expect(evicted).toEqual(['tp_abcdefgh']);

    const rejected = response();
    await routes.get('/webhooks/testpay')!(request('POST', { 'x-testpay-secret': 'guess' }, delivery), rejected, newRequestTally('r2'));
    expect(rejected.answered).toEqual({ status: 400, body: { error: 'Webhook signature could not be verified: wrong secret' } });

    const unset = createProviderWebhookRoutes(webhooks, { testpay: testPaySection(undefined) }, options, [testPayModule()]);
    const off = response();
    await unset.get('/webhooks/testpay')!(request('POST', {}, delivery), off, newRequestTally('r3'));
    expect(off.answered).toEqual({ status: 404, body: { error: 'Webhooks are not enabled at /webhooks/testpay: TESTPAY_WEBHOOK_SECRET is not set' } });
  });

  it('keeps a third provider\'s final session no longer than its refunds while its webhooks are off, since its refunds come on the session', () => {
    const config = loadConfig({ CACHE_FINAL_TTL_MS: '600000', CACHE_REFUNDS_TTL_MS: '30000' });
    const completed = { provider: 'TESTPAY', status: 'COMPLETE', paymentStatus: 'PAID' } as const;
    const withWebhookSecret = (secret: string | undefined) => ({ ...config, providers: { testpay: testPaySection(secret) } });
    expect(sessionTtlMs(completed, readCacheTtlPolicy(withWebhookSecret(undefined), [testPayModule()]))).toBe(30_000);
    expect(sessionTtlMs(completed, readCacheTtlPolicy(withWebhookSecret('tp_whsecret'), [testPayModule()]))).toBe(600_000);
  });

  it('reads a stored session of a third provider only from a model built with it', () => {
    const warnings = new WireWarnings(convergeGateProvider, quietLogger());
    const session = toCheckoutSession(convergeGateWireSession.parse(convergeGateSessions.get(convergeGateCompletedId)), convergeGateCompletedId, warnings);
    const written = JSON.parse(JSON.stringify({ ...session, provider: 'TESTPAY' })) as unknown;
    const withTestPay = storedCheckoutSessionOf([...providerRegistry, testPayModule()]);
    expect((withTestPay.parse(written) as CheckoutSession).provider).toBe('TESTPAY');
    expect(storedCheckoutSession.safeParse(written).success).toBe(false);
  });
});
