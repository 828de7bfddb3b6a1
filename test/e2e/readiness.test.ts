import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { stripeSeedExampleId } from '../../src/providers/stripe/emulator/sessions.js';
import { startHarness } from '../support/harness.js';
import { startRedisServer } from '../support/redis-server.js';

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await request(url);
  return { status: response.statusCode, body: await response.body.json() };
}

describe('GET /ready', () => {
  it('is 200 once the subgraph serves, with each configured provider\'s circuit closed', async () => {
    const harness = await startHarness();
    try {
      expect(await getJson(`${harness.subgraph.url}/ready`)).toEqual({
        status: 200,
        body: { status: 'ready', providers: { Stripe: 'closed', 'Converge Gate': 'closed' }, subscriptions: 0 },
      });
    } finally {
      await harness.close();
    }
  });

  it('names only the providers that have a key', async () => {
    const harness = await startHarness({ CONVERGEGATE_SECRET_KEY: '' });
    try {
      expect((await getJson(`${harness.subgraph.url}/ready`)).body).toEqual({ status: 'ready', providers: { Stripe: 'closed' }, subscriptions: 0 });
    } finally {
      await harness.close();
    }
  });

  it('stays 200 while a provider\'s circuit is open, and says so: every replica shares the provider', async () => {
    const harness = await startHarness({ PROVIDER_BREAKER_MIN_CALLS: '5', PROVIDER_MAX_RETRIES: '0' });
    try {
      harness.emulator.injectFaultForShare(1, { kind: 'status', status: 503 });
      for (let index = 0; index < 5; index += 1) {
        await harness.query(`{ checkoutSession(id: "cs_test_outage${index}") { id } }`);
      }
      expect(await getJson(`${harness.subgraph.url}/ready`)).toEqual({
        status: 200,
        body: { status: 'ready', providers: { Stripe: 'open', 'Converge Gate': 'closed' }, subscriptions: 0 },
      });
    } finally {
      await harness.close();
    }
  });

  it('reports Redis as ok, and as degraded while it is down, staying 200: Redis is never a reason to stop serving', async () => {
    const redisServer = await startRedisServer();
    const harness = await startHarness({ REDIS_URL: redisServer.url, REDIS_TIMEOUT_MS: '1000' });
    const readyUrl = `${harness.subgraph.url}/ready`;
    try {
      await expect.poll(async () => (await getJson(readyUrl)).body, { timeout: 5_000 }).toMatchObject({ redis: 'ok' });

      await redisServer.kill();
      await expect.poll(async () => await getJson(readyUrl), { timeout: 5_000 }).toEqual({
        status: 200,
        body: { status: 'ready', providers: { Stripe: 'closed', 'Converge Gate': 'closed' }, redis: 'degraded', subscriptions: 0 },
      });
      const served = await harness.query(`{ checkoutSession(id: "${stripeSeedExampleId}") { id } }`);
      expect(served.data).toEqual({ checkoutSession: { id: stripeSeedExampleId } });

      await redisServer.start();
      await expect.poll(async () => (await getJson(readyUrl)).body, { timeout: 10_000 }).toMatchObject({ redis: 'ok' });
    } finally {
      await harness.close();
      await redisServer.close();
    }
  });

  it('turns 503 at once on shutdown while the subgraph keeps serving for SHUTDOWN_READINESS_DELAY_MS, then stops accepting', async () => {
    const harness = await startHarness({ SHUTDOWN_READINESS_DELAY_MS: '600' });
    const closing = harness.subgraph.close();
    try {
      expect(await getJson(`${harness.subgraph.url}/ready`)).toEqual({
        status: 503,
        body: { status: 'not ready', reason: 'shutting down', providers: { Stripe: 'closed', 'Converge Gate': 'closed' }, subscriptions: 0 },
      });
      const served = await harness.query(`{ checkoutSession(id: "${stripeSeedExampleId}") { id } }`);
      expect(served.data).toEqual({ checkoutSession: { id: stripeSeedExampleId } });
      expect((await request(`${harness.subgraph.url}/health`)).statusCode).toBe(200);

      await closing;
      await expect(request(`${harness.subgraph.url}/health`)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await closing;
      await harness.emulator.close();
    }
  });

  it('stops accepting right away by default (SHUTDOWN_READINESS_DELAY_MS=0)', async () => {
    const harness = await startHarness();
    const closing = harness.subgraph.close();
    try {
      await expect(request(`${harness.subgraph.url}/ready`)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await closing;
      await harness.emulator.close();
    }
  });
});
