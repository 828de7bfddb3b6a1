import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWebSocketClient } from 'graphql-ws';
import WebSocket from 'ws';

/** What a subscriber received, in order, and how its subscription ended. */
export interface SubscriptionRecord {
  events: Array<{ data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** Resolves when the server completed the subscription; rejects with what the transport reported as an error. */
  ended: Promise<void>;
  completed: boolean;
  /** Waits until at least `count` events arrived, and answers them all. */
  eventsAtLeast(count: number): Promise<SubscriptionRecord['events']>;
  unsubscribe(): void;
}

interface Sink {
  next(value: unknown): void;
  error(error: unknown): void;
  complete(): void;
}

function record(subscribe: (sink: Sink) => () => void): SubscriptionRecord {
  const events: SubscriptionRecord['events'] = [];
  const waiters: Array<() => void> = [];
  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const ended = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  ended.catch(() => undefined);
  const wake = () => waiters.splice(0).forEach((waiter) => waiter());
  const result: SubscriptionRecord = {
    events,
    ended,
    completed: false,
    async eventsAtLeast(count) {
      while (events.length < count) {
        await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), ended]);
        if (events.length < count && (result.completed || (await isRejected(ended)))) {
          throw new Error(`the subscription ended after ${events.length} events, before ${count}: ${JSON.stringify(events)}`);
        }
      }
      return events;
    },
    unsubscribe: () => stop(),
  };
  const stop = subscribe({
    next: (value) => {
      events.push(value as SubscriptionRecord['events'][number]);
      wake();
    },
    error: (error) => {
      settle.reject(error);
      wake();
    },
    complete: () => {
      result.completed = true;
      settle.resolve();
      wake();
    },
  });
  return result;
}

async function isRejected(promise: Promise<unknown>): Promise<boolean> {
  return Promise.race([promise.then(() => false, () => true), Promise.resolve(false)]);
}

export interface SubscribeOptions {
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A graphql-sse client in distinct-connections mode: one `POST /graphql` with `Accept: text/event-stream` per subscription. */
export function subscribeOverSse(graphqlUrl: string, { query, variables, headers }: SubscribeOptions): SubscriptionRecord {
  const client = createSseClient({ url: graphqlUrl, retryAttempts: 0, ...(headers ? { headers } : {}) });
  return record((sink) => {
    const stop = client.subscribe({ query, variables: variables ?? {} }, sink);
    return () => {
      stop();
      client.dispose();
    };
  });
}

/** A graphql-ws client (`graphql-transport-ws`) on its own WebSocket. */
export function subscribeOverWebSocket(
  graphqlUrl: string,
  { query, variables, headers, connectionParams }: SubscribeOptions & { connectionParams?: Record<string, unknown> },
): SubscriptionRecord & { closeEvent: Promise<{ code: number; reason: string }> } {
  let closed!: (event: { code: number; reason: string }) => void;
  const closeEvent = new Promise<{ code: number; reason: string }>((resolve) => (closed = resolve));
  class HeaderedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: headers ?? {} });
    }
  }
  const client = createWebSocketClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: HeaderedWebSocket,
    retryAttempts: 0,
    lazy: true,
    ...(connectionParams ? { connectionParams } : {}),
    on: { closed: (event) => closed({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
  });
  const subscription = record((sink) => {
    const stop = client.subscribe({ query, variables: variables ?? {} }, sink);
    return () => {
      stop();
      void client.dispose();
    };
  });
  return Object.assign(subscription, { closeEvent });
}
