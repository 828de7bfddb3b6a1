import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxEmulator } from '../../src/emulator/sandbox-config.js';
import { ProviderEmulator } from '../../src/emulator/server.js';
import { convergeGateProvider } from '../../src/providers/convergegate/provider.js';
import { stripeProvider } from '../../src/providers/stripe/provider.js';
import { stripeSeedExampleId } from '../../src/providers/stripe/emulator/sessions.js';
import { memoryLogger } from '../support/log-lines.js';
import { testPayModule, testPaySection, testPaySessionId, testPaySettlingId } from '../support/test-pay-provider.js';

async function get(url: string, key?: string): Promise<{ status: number; body: unknown }> {
  const response = await request(url, { headers: key === undefined ? {} : { authorization: `Bearer ${key}` } });
  return { status: response.statusCode, body: await response.body.json() };
}

/** A stand-in subgraph that keeps every webhook posted to it. */
async function webhookReceiver() {
  const received: Array<{ path: string; headers: IncomingHttpHeaders; body: any }> = [];
  const server = createServer((incoming, response) => {
    let body = '';
    incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
    incoming.on('end', () => {
      received.push({ path: incoming.url ?? '', headers: incoming.headers, body: JSON.parse(body) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('the emulator serves each provider module it is given', () => {
  let emulator: ProviderEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it("serves a third provider's paths under its prefix with its key, beside Stripe at the root", async () => {
    emulator = await ProviderEmulator.start({ providers: [stripeProvider, testPayModule(), convergeGateProvider] });
    expect(emulator.urlOf('testpay')).toBe(`${emulator.url}/testpay`);
    const testPayKey = emulator.secretKeyOf('testpay');

    expect(await get(`${emulator.urlOf('testpay')}/v1/sessions/${testPaySessionId}`, testPayKey)).toEqual({ status: 200, body: { id: testPaySessionId, state: 'open' } });
    expect(await get(`${emulator.urlOf('testpay')}/v1/sessions/${testPaySessionId}`, emulator.stripeSecretKey)).toEqual({ status: 401, body: { message: 'bad key' } });
    expect(await get(`${emulator.urlOf('testpay')}/v1/sessions/tp_unknown`, testPayKey)).toEqual({ status: 404, body: { message: 'no such session' } });
    expect((await get(`${emulator.url}/v1/checkout/sessions/${stripeSeedExampleId}`, emulator.stripeSecretKey)).status).toBe(200);
    expect(emulator.countCalls('/testpay/')).toBe(3);
  });

  it("puts a third provider's sessions and faults it as it does the others", async () => {
    emulator = await ProviderEmulator.start({ providers: [stripeProvider, testPayModule(), convergeGateProvider] });
    const url = `${emulator.urlOf('testpay')}/v1/sessions/tp_putbytest`;
    emulator.putSession('testpay', 'tp_putbytest', { id: 'tp_putbytest', state: 'refunded' });
    emulator.injectFault('tp_putbytest', { kind: 'status', status: 503, body: '{"message":"down"}' }, { times: 1 });

    expect(await get(url, emulator.secretKeyOf('testpay'))).toEqual({ status: 503, body: { message: 'down' } });
    expect(await get(url, emulator.secretKeyOf('testpay'))).toEqual({ status: 200, body: { id: 'tp_putbytest', state: 'refunded' } });
  });

  it("moves a third provider's moving session after its first read and sends its webhook to /webhooks/<key>, signed as it signs", async () => {
    const receiver = await webhookReceiver();
    try {
      const testPay = testPayModule();
      emulator = await ProviderEmulator.start({ providers: [stripeProvider, testPay, convergeGateProvider], movingSessionDelayMs: 20 });
      const { logger, lines } = memoryLogger();
      emulator.sendWebhooksTo({ subgraphUrl: receiver.url, providers: { testpay: testPaySection('tp_whsecret') } }, logger);
      const url = `${emulator.urlOf('testpay')}/v1/sessions/${testPaySettlingId}`;

      expect((await get(url, emulator.secretKeyOf('testpay'))).body).toEqual({ id: testPaySettlingId, state: 'open' });
      await expect.poll(() => receiver.received.length).toBe(1);
      const [delivery] = receiver.received;
      expect(delivery!.path).toBe('/webhooks/testpay');
      expect(delivery!.headers['x-testpay-secret']).toBe('tp_whsecret');
      expect(delivery!.body).toMatchObject({ object: 'event', type: 'session.paid', data: { object: { session: testPaySettlingId, state: 'paid' } } });
      expect((await get(url, emulator.secretKeyOf('testpay'))).body).toEqual({ id: testPaySettlingId, state: 'paid' });
      await expect.poll(() => lines.filter((line) => line.msg === 'emulator sent a webhook')).toMatchObject([{ sessionId: testPaySettlingId, status: 200 }]);
    } finally {
      await receiver.close();
    }
  });
});

describe("sandbox mode's emulator", () => {
  it('keeps no log of its calls, however many it answers: it runs as long as the subgraph', async () => {
    const emulator = await startSandboxEmulator();
    try {
      for (let call = 0; call < 200; call += 1) {
        const response = await request(`${emulator.url}/v1/checkout/sessions/cs_test_noLog${call}`, { headers: { authorization: `Bearer ${emulator.stripeSecretKey}` } });
        await response.body.dump();
      }
      expect(emulator.calls).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});
