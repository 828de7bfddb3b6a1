import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';

/** One message of Apollo Router's HTTP callback protocol, as the subgraph posted it. */
export interface CallbackMessage {
  kind: string;
  action: 'check' | 'next' | 'complete';
  id: string;
  verifier: string;
  payload?: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  /** The `subscription-protocol` header it came with. */
  protocol: string | undefined;
}

/**
 * The router's side of the callback protocol, as small as a test needs: an HTTP server
 * that records every message posted to `/callback/<id>` and answers 204, or the status a
 * test sets (404: the router no longer knows the subscription).
 */
export class CallbackReceiver {
  readonly received: CallbackMessage[] = [];
  private status = 204;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<CallbackReceiver> {
    let receiver: CallbackReceiver | undefined;
    const server = createServer((incoming, response) => {
      let body = '';
      incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
      incoming.on('end', () => {
        const header = incoming.headers['subscription-protocol'];
        receiver!.received.push({ ...(JSON.parse(body) as Omit<CallbackMessage, 'protocol'>), protocol: Array.isArray(header) ? header[0] : header });
        response.writeHead(receiver!.status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new CallbackReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return receiver;
  }

  /** What the router puts in `extensions.subscription` for a new subscription. */
  newSubscription(heartbeatIntervalMs = 5_000) {
    const subscriptionId = randomUUID();
    return { callbackUrl: `${this.url}/callback/${subscriptionId}`, subscriptionId, verifier: `verifier-${randomUUID()}`, heartbeatIntervalMs };
  }

  messagesOf(id: string): CallbackMessage[] {
    return this.received.filter((message) => message.id === id);
  }

  /** Answers every later message with this status. */
  answerWith(status: number): void {
    this.status = status;
  }

  async waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    for (let waited = 0; waited < timeoutMs; waited += 20) {
      if (check()) return;
      await delay(20);
    }
    throw new Error(`waited ${timeoutMs} ms for ${what}; received ${JSON.stringify(this.received)}`);
  }

  /** Stops listening and drops open connections: the router has gone. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Posts a subscription as Apollo Router does in callback mode; resolves to the status and body of its answer. */
export async function subscribeByCallback(
  graphqlUrl: string,
  body: { query: string; variables?: Record<string, unknown>; extensions: { subscription: unknown } },
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await request(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json;callbackSpec=1.0', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text === '' ? undefined : JSON.parse(text) };
}
