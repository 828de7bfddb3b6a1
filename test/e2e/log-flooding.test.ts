import { connect } from 'node:net';
import { request } from 'undici';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { postGraphQL, useHarness } from '../support/harness.js';
import { newStripeEventId, nowInSeconds, stripeSignatureHeader } from '../support/webhook-signing.js';

const webhookSecret = 'whsec_logFlooding42';

describe('log lines a client can cause', () => {
  /** Every line the subgraph wrote, as JSON text. */
  const lines: string[] = [];
  const harness = useHarness(
    { STRIPE_WEBHOOK_SECRET: webhookSecret },
    {},
    { logger: createLogger({ write: (line: string) => void lines.push(line) }, 'debug') },
  );
  const requestLogMessages = new Set(['request', 'provider call']);
  /** The lines other than the request log's, with pino's level (50 is error). */
  const processLines = () =>
    lines
      .map((line) => ({ line, parsed: JSON.parse(line) as { level: number; msg: string } }))
      .filter(({ parsed }) => !requestLogMessages.has(parsed.msg))
      .map(({ line, parsed }) => ({ level: parsed.level, line }));
  beforeEach(() => {
    lines.length = 0;
  });

  it('logs a client that goes away in the middle of its body below error level', async () => {
    const { hostname, port } = new URL(harness.subgraph.url);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => undefined);
    // Node answers `100 Continue` once the request is being handled: then the body is awaited.
    const continued = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write('POST /graphql HTTP/1.1\r\nHost: subgraph\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n');
    await continued;
    socket.write('{"query":');
    socket.destroy();
    await expect.poll(() => lines.some((line) => line.includes('"status":499'))).toBe(true);
    await expect.poll(() => processLines().length).toBeGreaterThan(0);
    expect(processLines().filter(({ level }) => level >= 50)).toEqual([]);
  });

  it('logs the first of many unsigned webhooks, and no more that minute', async () => {
    for (let delivery = 0; delivery < 20; delivery += 1) {
      const answer = await request(`${harness.subgraph.url}/webhooks/stripe`, { method: 'POST', body: '{}' });
      expect(answer.statusCode).toBe(400);
      await answer.body.dump();
    }
    expect(processLines().filter(({ line }) => line.includes('webhook rejected'))).toHaveLength(1);
  });

  it('bounds a 900 KB operation name in the request line', async () => {
    const name = `Q${'a'.repeat(900_000)}`;
    const answer = await postGraphQL(harness.graphqlUrl, { query: `query ${name} { __typename }` });
    expect(answer.status).toBe(200);
    const line = lines.find((text) => text.includes('"msg":"request"'));
    expect(line?.length).toBeLessThan(2_000);
    expect(JSON.parse(line!).operationName).toBe(name.slice(0, 100));
  });

  it('neither evicts nor logs a 500 KB session id in a signed webhook', async () => {
    const body = JSON.stringify({
      id: newStripeEventId(),
      object: 'event',
      type: 'checkout.session.completed',
      data: { object: { id: `cs_test_${'x'.repeat(500_000)}`, object: 'checkout.session' } },
    });
    const answer = await request(`${harness.subgraph.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(webhookSecret, body, nowInSeconds()) },
      body,
    });
    expect(answer.statusCode).toBe(200);
    await answer.body.dump();
    for (const { line } of processLines()) expect(line.length).toBeLessThan(2_000);
    for (const line of lines) expect(line.length).toBeLessThan(2_000);
  });

  it('answers a persisted query whose hash does not match as the client’s mistake, with no error line', async () => {
    const answer = await postGraphQL(harness.graphqlUrl, {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
    });
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]).toMatchObject({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
    expect(processLines().filter(({ level }) => level >= 50)).toEqual([]);
  });
});
