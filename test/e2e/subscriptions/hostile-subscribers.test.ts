import { once } from 'node:events';
import type { Socket } from 'node:net';
import { request } from 'undici';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeExpiredId } from '../../../src/providers/stripe/emulator/sessions.js';
import { CallbackReceiver, subscribeByCallback } from '../../support/callback-receiver.js';
import { useHarness } from '../../support/harness.js';
import { memoryLogger } from '../../support/log-lines.js';
import { heapAfterGc, megabytes } from '../../support/heap.js';

/** A subscription to one session selecting its status under `aliases` aliases, each document distinct by `mark`. */
function aliasedSubscription(aliases: number, mark: string, id = stripeExpiredId): string {
  const fields = Array.from({ length: aliases }, (_, index) => `${mark}${index}: status`).join(' ');
  return `subscription { checkoutSessionUpdated(id: "${id}") { ${fields} } }`;
}

/** Posts the subscription over SSE and reads the whole answer: its refusal, or its events to the `complete`. */
async function subscribeOverSseOnce(graphqlUrl: string, query: string): Promise<{ status: number; text: string }> {
  const response = await request(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query }),
  });
  return { status: response.statusCode, text: await response.body.text() };
}

describe('subscription documents a client cannot make the process hold', () => {
  const harness = useHarness();

  it('keeps nothing of refused documents: twenty of 20 000 aliases each leave the heap where it was', async () => {
    const before = heapAfterGc();
    for (let document = 0; document < 20; document += 1) {
      const { text } = await subscribeOverSseOnce(harness.graphqlUrl, aliasedSubscription(20_000, `r${document}_`));
      expect(text).toContain('Document contains more that 2000 tokens');
    }
    expect(megabytes(heapAfterGc() - before)).toBeLessThan(16);
  });

  it('keeps accepted documents within a bound: two hundred distinct ones, each subscribed and completed at once, hold at most a few MB', async () => {
    const before = heapAfterGc();
    for (let document = 0; document < 200; document += 1) {
      const { status, text } = await subscribeOverSseOnce(harness.graphqlUrl, aliasedSubscription(600, `a${document}_`));
      expect(status).toBe(200);
      expect(text).toContain('event: complete');
    }
    expect(megabytes(heapAfterGc() - before)).toBeLessThan(16);
  });
});

async function openSubscriptions(baseUrl: string): Promise<number> {
  const response = await request(`${baseUrl}/ready`);
  return ((await response.body.json()) as { subscriptions: number }).subscriptions;
}

/** A bare graphql-transport-ws connection, acknowledged; its messages as they arrive. */
async function connectGraphQLWebSocket(graphqlUrl: string, options: { autoPong?: boolean } = {}) {
  const socket = new WebSocket(graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { autoPong: options.autoPong ?? true });
  const messages: Array<{ id?: string; type: string; payload?: any }> = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init' }));
  while (!messages.some((message) => message.type === 'connection_ack')) await new Promise((resolve) => setTimeout(resolve, 5));
  return { socket, messages, closed };
}

const within = <Value>(ms: number, promise: Promise<Value>) =>
  Promise.race([promise, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), ms))]);

describe('a WebSocket client that stops reading or answering', () => {
  const harness = useHarness({ SUBSCRIPTION_KEEPALIVE_MS: '200', SUBSCRIPTION_MAX_BUFFERED_BYTES: String(128 * 1024) });

  it('is closed when it answers no ping, however many pongs of its own it sends', async () => {
    const { socket, closed } = await connectGraphQLWebSocket(harness.graphqlUrl, { autoPong: false });
    const pongs = setInterval(() => socket.pong(), 50);
    try {
      expect(await within(2_000, closed)).toEqual({ code: 1008, reason: 'the client did not answer the last ping' });
    } finally {
      clearInterval(pongs);
    }
  });

  it('gets TOO_MANY_SUBSCRIPTIONS for subscriptions it starts faster than 100 a second, though each ends at once', async () => {
    const { socket, messages } = await connectGraphQLWebSocket(harness.graphqlUrl);
    const query = `subscription { checkoutSessionUpdated(id: "${stripeExpiredId}") { status } }`;
    for (let id = 0; id < 300; id += 1) socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload: { query } }));
    while (messages.filter((message) => message.type === 'complete' || message.type === 'error').length < 300) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const refused = messages.filter((message) => message.type === 'error');
    expect(refused.length).toBeGreaterThanOrEqual(150);
    expect(refused[0]?.payload).toEqual([
      { message: 'This connection starts more than 100 subscriptions a second; subscribe again in a moment', extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 100 } },
    ]);
    socket.close();
  });
});

describe('a WebSocket client that stops reading between pings', () => {
  const harness = useHarness({ SUBSCRIPTION_KEEPALIVE_MS: '10000', SUBSCRIPTION_MAX_BUFFERED_BYTES: String(128 * 1024) });

  it('is closed once what waits for it passes SUBSCRIPTION_MAX_BUFFERED_BYTES, long before its next ping, however many subscriptions it starts', async () => {
    const { socket, messages, closed } = await connectGraphQLWebSocket(harness.graphqlUrl);
    // Reads nothing more; each subscription completes at once, after an event of some 140 KB (long aliases are one token each).
    (socket as unknown as { _socket: Socket })._socket.pause();
    const query = aliasedSubscription(600, 'x'.repeat(200));
    for (let id = 0; id < 150; id += 1) socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload: { query } }));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    (socket as unknown as { _socket: Socket })._socket.resume();
    expect(await within(3_000, closed)).not.toBe('still open');
    // 150 events would be 21 MB, more than loopback's socket buffers hold: the socket was closed long before.
    expect(messages.filter((message) => message.type === 'next').length).toBeLessThan(100);
  });
});

describe("a callback subscription's heartbeat, whatever the router asks for", () => {
  const routerSecret = 'router-secret-for-heartbeats-42';
  const log = memoryLogger('warn');
  const harness = useHarness({ ROUTER_SECRET: routerSecret, CALLBACK_HEARTBEAT_MIN_MS: '200' }, {}, { logger: log.logger });
  let receiver: CallbackReceiver;
  const query = `subscription { checkoutSessionUpdated(id: "cs_test_b1CompletePaidOrder1001aaaaaaaaaaaaaaaaaaaaaaaaaaaa") { status } }`;
  const subscribe = (heartbeatIntervalMs: number) => {
    const subscription = receiver.newSubscription(heartbeatIntervalMs);
    return subscribeByCallback(harness.graphqlUrl, { query, extensions: { subscription } }, { 'router-secret': routerSecret }).then((answer) => {
      expect(answer.status).toBe(200);
      return subscription.subscriptionId;
    });
  };
  const checksOf = (id: string) => receiver.messagesOf(id).filter((message) => message.action === 'check').length;

  beforeAll(async () => {
    receiver = await CallbackReceiver.start();
  });
  afterAll(() => receiver.close());

  it('beats no faster than CALLBACK_HEARTBEAT_MIN_MS for 1 ms, and no slower than a minute for 2^53 - 1 ms', async () => {
    const fast = await subscribe(1);
    const huge = await subscribe(Number.MAX_SAFE_INTEGER);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // The first check comes with the subscription; then one every 200 ms at most.
    expect(checksOf(fast)).toBeLessThanOrEqual(6);
    expect(checksOf(huge)).toBe(1);
  });

  it("ends the subscriptions of a receiver that fails every heartbeat, logging it once a minute, not once a beat", async () => {
    await Promise.all(Array.from({ length: 20 }, () => subscribe(1)));
    receiver.answerWith(500);
    try {
      await expect.poll(() => openSubscriptions(harness.subgraph.url), { timeout: 10_000 }).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // Each kind of line (a failed heartbeat, a retried or failed post) once, whatever the number of subscriptions and beats.
      const pluginLines = log.lines.filter((line) => line.transport === 'callback');
      expect(pluginLines.length).toBeGreaterThan(0);
      expect(pluginLines.length).toBeLessThanOrEqual(8);
    } finally {
      receiver.answerWith(204);
    }
  });
});

describe('subscriptions to ids the provider does not know', () => {
  // Three calls a second for the account, a turn at most 300 ms away: most first reads are refused with RATE_LIMITED.
  const harness = useHarness({ PROVIDER_GLOBAL_RATE_LIMIT: '3', PROVIDER_QUEUE_TIMEOUT_MS: '300' });

  it('end once a read says NOT_FOUND or after five reads, and cost a few calls each, however busy the provider', async () => {
    const ids = Array.from({ length: 12 }, (_, index) => `UnknownBlik${String(index).padStart(4, '0')}Id`);
    const streams = ids.map((id) =>
      request(harness.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: `subscription { checkoutSessionUpdated(id: "${id}") { status } }` }),
      }).then(async (response) => ({ status: response.statusCode, text: await response.body.text() })),
    );
    const answers = await Promise.all(streams.map((stream) => within(15_000, stream)));
    expect(answers.filter((answer) => answer === 'still open')).toEqual([]);
    for (const answer of answers as Array<{ text: string }>) {
      expect(answer.text).toMatch(/NOT_FOUND|RATE_LIMITED/);
      expect(answer.text).toContain('event: complete');
    }
    expect(await openSubscriptions(harness.subgraph.url)).toBe(0);
    expect(harness.emulator.countCalls('/convergegate/')).toBeLessThanOrEqual(ids.length * 5);
  });
});
