import { connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { useHarness } from '../support/harness.js';

const webhookSecret = 'whsec_slowClients42';

/** A raw connection to the subgraph, for clients no HTTP library would be: they trickle, or never read. */
function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends `text` a byte every `everyMs` until the socket closes; resolves to what the server answered, if anything. */
/** Opens raw sockets to the subgraph for a `describe` block and destroys them after each test. */
function useSockets(url: () => string): () => Promise<Socket> {
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });
  return async () => {
    const socket = await openSocket(url());
    sockets.push(socket);
    return socket;
  };
}

async function trickle(socket: Socket, text: string, everyMs: number): Promise<string> {
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  for (const character of text) {
    if (socket.destroyed) break;
    socket.write(character);
    await Promise.race([delay(everyMs), closed]);
  }
  await closed;
  return answer;
}

describe('clients that send slowly or never read', () => {
  const harness = useHarness({
    HEADERS_TIMEOUT_MS: '500',
    REQUEST_BODY_TIMEOUT_MS: '1000',
    IDLE_TIMEOUT_MS: '1000',
    SUBSCRIPTION_KEEPALIVE_MS: '500',
    MAX_REQUEST_BODY_BYTES: '4096',
    MAX_REQUEST_BODIES_IN_FLIGHT: '2',
    ROUTER_SECRET: 'a-router-secret-of-some-length',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
  });
  const open = useSockets(() => harness.subgraph.url);

  it('cuts a request whose headers trickle in past HEADERS_TIMEOUT_MS', async () => {
    const socket = await open();
    const answer = await trickle(socket, `POST /graphql HTTP/1.1\r\nHost: subgraph\r\nX-Padding: ${'a'.repeat(200)}\r\n\r\n`, 50);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts a webhook whose body trickles in past REQUEST_BODY_TIMEOUT_MS, though it needs no router secret', async () => {
    const socket = await open();
    const body = JSON.stringify({ padding: 'x'.repeat(300) });
    const headers = `POST /webhooks/stripe HTTP/1.1\r\nHost: subgraph\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    socket.write(headers);
    const answer = await trickle(socket, body, 20);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('answers 503 to a request body beyond MAX_REQUEST_BODIES_IN_FLIGHT, however many connections stay open', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const trickling = await Promise.all([open(), open()]);
    for (const socket of trickling) {
      socket.on('error', () => undefined);
      socket.write(`POST /webhooks/stripe HTTP/1.1\r\nHost: subgraph\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
    }
    await delay(100);
    const refused = await request(`${harness.subgraph.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'router-secret': 'a-router-secret-of-some-length' },
      body,
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    await refused.body.dump();

    for (const socket of trickling) socket.destroy();
    await expect
      .poll(async () => {
        const served = await request(`${harness.subgraph.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'router-secret': 'a-router-secret-of-some-length' },
          body,
        });
        await served.body.dump();
        return served.statusCode;
      })
      .toBe(200);
  });

  it('answers a chunked body over MAX_REQUEST_BODY_BYTES with 413, not a reset', async () => {
    const chunks = Array.from({ length: 64 }, () => Buffer.alloc(1024, 'x'));
    const answer = await request(`${harness.subgraph.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'router-secret': 'a-router-secret-of-some-length' },
      body: Readable.from(chunks),
    });
    expect(answer.statusCode).toBe(413);
    expect(await answer.body.json()).toEqual({ errors: [{ message: 'Request body is larger than 4096 bytes' }] });
  });
});

describe('a client that never reads its response', () => {
  // A big answer (about 34 MB of introspection), so that it cannot all sit in the socket's buffers.
  const harness = useHarness({ IDLE_TIMEOUT_MS: '1000', SUBSCRIPTION_KEEPALIVE_MS: '500', INTROSPECTION: 'true', MAX_QUERY_COST: '100000000' });
  const open = useSockets(() => harness.subgraph.url);

  it('closes a connection that stops reading its response after IDLE_TIMEOUT_MS', async () => {
    const schemas = Array.from({ length: 1000 }, (_, index) => `s${index}: __schema { types { name description fields { name description } } }`);
    const body = JSON.stringify({ query: `{ ${schemas.join(' ')} }` });
    const socket = await open();
    socket.pause();
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: subgraph\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await expect.poll(() => connections(harness.subgraph.server)).toBe(1);
    await expect.poll(() => connections(harness.subgraph.server), { timeout: 15_000, interval: 100 }).toBe(0);
  });
});

describe('connections between requests', () => {
  const harness = useHarness();

  it('keeps an idle connection 10 s by default, longer than the router keeps it in its pool', () => {
    expect(harness.subgraph.server.keepAliveTimeout).toBe(10_000);
  });
});

function connections(server: import('node:http').Server): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}
