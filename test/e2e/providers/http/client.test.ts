import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderEmulator } from '../../../../src/emulator/server.js';
import { stripeSeedExampleId } from '../../../../src/providers/stripe/emulator/sessions.js';
import { PaymentsError } from '../../../../src/errors.js';
import { ProviderHttpClient, type ProviderHttpOptions } from '../../../../src/providers/http/provider-http-client.js';
import { basicAuthorization } from '../../../../src/providers/http/basic-authorization.js';
import { providerUrl } from '../../../../src/providers/provider-url.js';
import { quietLogger } from '../../../support/log-lines.js';

const started: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((thing) => thing.close()));
});

function client(options: Partial<ProviderHttpOptions> = {}): ProviderHttpClient {
  const http = new ProviderHttpClient({
    maxConnectionsPerOrigin: 16,
    timeoutMs: 2_000,
    retry: { maxRetries: 0, baseDelayMs: 5, maxDelayMs: 50 },
    endpointRateLimit: 0,
    globalRateLimit: 0,
    logger: quietLogger(),
    ...options,
  });
  started.push(http);
  return http;
}

async function emulator(): Promise<ProviderEmulator> {
  const instance = await ProviderEmulator.start();
  started.push(instance);
  return instance;
}

function sessionRequest(provider: string, at: ProviderEmulator, id = stripeSeedExampleId) {
  return {
    provider,
    account: 'acct_emulator',
    url: providerUrl(at.url, ['v1', 'checkout', 'sessions', id]),
    pathTemplate: '/v1/checkout/sessions/{id}',
    headers: { authorization: basicAuthorization(at.stripeSecretKey) },
  };
}

/** A plain server that answers every request with an empty JSON object and notes when each arrived. */
async function timingServer(): Promise<{ url: string; arrivals: number[]; close(): Promise<void> }> {
  const arrivals: number[] = [];
  const server: Server = createServer((_request, response) => {
    arrivals.push(performance.now());
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const handle = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  started.push(handle);
  return handle;
}

function settled<T>(promise: Promise<T>): () => boolean {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  return () => done;
}

describe('ProviderHttpClient', () => {
  it('serves a healthy provider at full speed while another provider hangs', async () => {
    const [down, up] = [await emulator(), await emulator()];
    down.injectFaultForShare(1, { kind: 'hang' });
    const http = client({ timeoutMs: 600, breaker: { minCalls: 0, failureRate: 0.5, windowMs: 10_000, cooldownMs: 1_000 } });

    const hung = Array.from({ length: 20 }, (_, index) =>
      http.getJson(sessionRequest('Down', down, `cs_test_hung${index}abcdefgh`)).catch((error: unknown) => error),
    );
    const hungSettled = hung.map(settled);
    const response = await http.getJson(sessionRequest('Up', up));

    expect(response.status).toBe(200);
    expect(hungSettled.some((isSettled) => isSettled())).toBe(false);
    const errors = await Promise.all(hung);
    expect(errors.every((error) => error instanceof PaymentsError && error.code === 'PROVIDER_UNAVAILABLE')).toBe(true);
  });

  it('keeps one breaker per provider: an open circuit for one never fails the other', async () => {
    const [down, up] = [await emulator(), await emulator()];
    down.injectFaultForShare(1, { kind: 'status', status: 503 });
    const http = client({ breaker: { minCalls: 3, failureRate: 0.5, windowMs: 10_000, cooldownMs: 60_000 } });
    for (let index = 0; index < 3; index += 1) {
      await http.getJson(sessionRequest('Down', down, `cs_test_down${index}abcdefgh`)).catch(() => undefined);
    }
    expect(http.circuitState('Down')).toBe('open');
    expect(http.circuitState('Up')).toBe('closed');
    expect((await http.getJson(sessionRequest('Up', up))).status).toBe(200);
  });

  it('does not count time queued under the rate limit against the call deadline', async () => {
    const at = await emulator();
    at.injectFaultForShare(1, { kind: 'delay', ms: 30 });
    const http = client({ timeoutMs: 150, endpointRateLimit: 10, queueTimeoutMs: 5_000 });
    const responses = await Promise.all(Array.from({ length: 5 }, () => http.getJson(sessionRequest('Paced', at))));
    // The last call waited about 400 ms for its turn, well past the 150 ms deadline, and still succeeded.
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('refuses calls at once, without calling the provider, when the queue wait would pass PROVIDER_QUEUE_TIMEOUT_MS', async () => {
    const at = await emulator();
    const http = client({ endpointRateLimit: 20, queueTimeoutMs: 200 });
    const startedAt = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, () =>
        http.getJson(sessionRequest('Paced', at)).then(
          () => 'ok',
          (error: PaymentsError) => `${error.code}:${String(error.extensions.retryAfter)}`,
        ),
      ),
    );
    // One at once, then one every 52.5 ms up to 200 ms of waiting: four calls; the rest are refused as rate limited.
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === 'RATE_LIMITED:1')).toHaveLength(26);
    expect(at.countCalls()).toBe(4);
    expect(performance.now() - startedAt).toBeLessThan(2_000);
  });

  it('paces a large batch under the provider rate instead of sending it all at once', async () => {
    const server = await timingServer();
    const http = client({ globalRateLimit: 100 });
    const request = { provider: 'Paced', account: 'acct_paced', url: new URL(`${server.url}/v1/thing`), pathTemplate: '/v1/thing', headers: {} };
    const startedAt = performance.now();
    await Promise.all(Array.from({ length: 60 }, () => http.getJson(request)));
    // 100 per second with no burst, one every 10.5 ms: in the first quarter second at most 24 are sent.
    expect(server.arrivals.filter((at) => at < startedAt + 250).length).toBeLessThanOrEqual(24);
    expect(server.arrivals).toHaveLength(60);
  });

  it('keeps to 80% of the limits a provider documents when PROVIDER_RATE_LIMIT and PROVIDER_GLOBAL_RATE_LIMIT are unset', async () => {
    const server = await timingServer();
    const http = client({ endpointRateLimit: undefined, globalRateLimit: undefined });
    const request = {
      provider: 'Documented',
      account: 'acct_documented',
      url: new URL(`${server.url}/v1/thing`),
      pathTemplate: '/v1/thing',
      headers: {},
      rateLimits: { documentedGlobalPerSecond: 100, endpoints: { '/v1/thing': 12.5 } },
    };
    const startedAt = performance.now();
    await Promise.all(Array.from({ length: 4 }, () => http.getJson(request)));
    // 80% of 12.5/s is 10/s: one at once, then one every 105 ms.
    expect(server.arrivals.at(-1)! - startedAt).toBeGreaterThanOrEqual(310);
  });

  it('never opens the circuit on 429s: the provider is busy, not down', async () => {
    const at = await emulator();
    at.injectFaultForShare(1, { kind: 'status', status: 429, body: JSON.stringify({ error: { type: 'rate_limit_error' } }) });
    const http = client({ breaker: { minCalls: 3, failureRate: 0.5, windowMs: 10_000, cooldownMs: 60_000 } });
    const codes = [];
    for (let index = 0; index < 6; index += 1) {
      codes.push(await http.getJson(sessionRequest('Busy', at, `cs_test_busy${index}abcdefgh`)).catch((error: PaymentsError) => error.code));
    }
    expect(codes).toEqual(Array.from({ length: 6 }, () => 'RATE_LIMITED'));
    expect(http.circuitState('Busy')).toBe('closed');
    expect(at.countCalls()).toBe(6);
  });
});
