import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { ApolloServerPluginSubscriptionCallback } from '@apollo/server/plugin/subscriptionCallback';
import { setTimeout as delay } from 'node:timers/promises';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { PaymentsError } from '../errors.js';
import { RepeatableLog } from '../logger.js';
import type { RequestContext } from '../graphql/context.js';
import type { ErrorMask } from '../graphql/error-masking.js';
import type { ConnectionShare } from './admission.js';
import type { SubscriptionOperations } from './subscription-operations.js';

export interface CallbackTransportOptions {
  operations: SubscriptionOperations;
  /** Whether a `Router-Secret` header is the router's; unset without `ROUTER_SECRET`, when callback subscriptions are refused. */
  isRouter: ((secret: unknown) => boolean) | undefined;
  logger: Logger;
  /** The errors' rule every transport shares (`unexpectedErrorMask`). */
  maskError: ErrorMask;
  /** Each request to the router's callback URL gives up after this long (and is retried as a failure). */
  callbackTimeoutMs?: number;
  /** How long stopping waits for the subscriptions' `complete` messages to be posted. */
  drainTimeoutMs: number;
  /** The shortest heartbeat interval served (`CALLBACK_HEARTBEAT_MIN_MS`); a router asking for less gets this. */
  minHeartbeatMs: number;
}

type PluginOptions = NonNullable<Parameters<typeof ApolloServerPluginSubscriptionCallback>[0]>;
type CallbackFetcher = NonNullable<PluginOptions['fetcher']>;
type PluginLogger = NonNullable<PluginOptions['logger']>;

const defaultCallbackTimeoutMs = 5_000;
/** The longest heartbeat interval served: a router asking for more (up to 2^53) gets this, never a timer Node would clamp to 1 ms. */
export const maxHeartbeatMs = 60_000;

/**
 * Apollo Router's HTTP callback protocol: the router posts the subscription with
 * `extensions.subscription` (`callbackUrl`, `subscriptionId`, `verifier`,
 * `heartbeatIntervalMs`) and the subgraph posts `check`, `next` and `complete` messages to
 * the callback URL. Apollo Server's subscription callback plugin speaks the protocol (its
 * heartbeat, its retries, stopping a subscription whose router answers 404 or stops
 * answering, completing every subscription when Apollo Server stops); this adapter serves
 * it only to the router, since the subgraph would otherwise post to any URL anyone names,
 * checks the extension, and gives each subscription the change feed within the admission's
 * limits.
 */
export function callbackTransportPlugin(options: CallbackTransportOptions): ApolloServerPlugin<RequestContext> {
  const { operations, isRouter } = options;
  const posts = new Set<Promise<unknown>>();
  const callbacks = ApolloServerPluginSubscriptionCallback({
    logger: throttledPluginLogger(options.logger),
    fetcher: trackedIn(posts, callbackFetcher(options.callbackTimeoutMs ?? defaultCallbackTimeoutMs, options.maskError)),
  }) as ApolloServerPlugin<RequestContext>;
  const subscriptions = new RunningSubscriptions();
  // Stopping completes every subscription (the feed ends them); the plugin does not wait for its own posts.
  const settled = async (deadline: number) => {
    while ((subscriptions.running > 0 || posts.size > 0) && Date.now() < deadline) await delay(10);
  };

  return {
    async serverWillStart(service) {
      const protocol = await callbacks.serverWillStart?.(service);
      return {
        async drainServer() {
          const deadline = Date.now() + options.drainTimeoutMs;
          await settled(deadline);
          await protocol?.drainServer?.();
          await settled(deadline);
        },
      };
    },
    async requestDidStart(requestContext) {
      const extension = requestContext.request.extensions?.subscription;
      if (extension === undefined) return undefined;
      const refusal = isRouter?.(requestContext.request.http?.headers.get('router-secret'))
        ? extensionProblem(extension)
        : routerOnlyRefusal();
      if (refusal) return { didResolveOperation: () => Promise.reject(refusal) };
      clampHeartbeat(extension as Record<string, unknown>, options.minHeartbeatMs);

      const protocol = (await callbacks.requestDidStart?.(requestContext)) as GraphQLRequestListener<RequestContext>;
      let accepted = false;
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') {
            throw new PaymentsError('extensions.subscription is for subscriptions: send a query without it', 'BAD_USER_INPUT', {
              http: { status: 400 },
            });
          }
          operations.addScope(requestContext.contextValue, subscriptions.newShare());
        },
        async responseForOperation(context) {
          accepted = true;
          return (await protocol.responseForOperation?.(context)) ?? null;
        },
        // The protocol's `check` and the subscription start here; a request refused before
        // it was accepted (invalid, over the query limits) is answered with its errors alone.
        async willSendResponse(context) {
          if (accepted) await protocol.willSendResponse?.(context);
        },
      };
    },
  };
}

/**
 * The router's heartbeat interval within what is served: 0 stays off, anything else is
 * held between `minMs` and `maxHeartbeatMs`. The plugin sends one heartbeat at a time per
 * subscription and queues the ticks that come meanwhile, so the floor also bounds that queue
 * (at most the callback timeout over the interval).
 */
function clampHeartbeat(extension: Record<string, unknown>, minMs: number): void {
  const asked = extension.heartbeatIntervalMs ?? extension.heartbeat_interval_ms;
  delete extension.heartbeat_interval_ms;
  if (asked === undefined || asked === 0) return;
  extension.heartbeatIntervalMs = Math.min(maxHeartbeatMs, Math.max(minMs, Number(asked)));
}

/**
 * The plugin logs every failed heartbeat and retry with the subscription's id: a receiver
 * that stops answering would flood the log. Its warnings and errors are logged once a
 * minute per kind (numbers and ids left out of the kind), counting those left out.
 */
function throttledPluginLogger(logger: Logger): PluginLogger {
  const repeatable = new RepeatableLog(logger);
  // The plugin names the subscription in brackets, and counts attempts and failures.
  const kindOf = (message: string) => message.replace(/\[[^\]]*\]/g, '').replace(/\d+/g, 'N').slice(0, 120);
  const throttled = (level: 'warn' | 'error') => (message: unknown) => {
    const text = String(message);
    repeatable.log(level, kindOf(text), {}, text);
  };
  return {
    debug: (message) => logger.debug(String(message)),
    info: (message) => logger.info(String(message)),
    warn: throttled('warn'),
    error: throttled('error'),
  };
}

/** Each callback subscription is a connection of its own; `running` counts those still watching the feed. */
class RunningSubscriptions {
  running = 0;

  newShare(): ConnectionShare {
    let open = 0;
    const counts = this;
    return {
      get open() {
        return open;
      },
      set open(value) {
        counts.running += value - open;
        open = value;
      },
    };
  }
}

function trackedIn(posts: Set<Promise<unknown>>, fetcher: CallbackFetcher): CallbackFetcher {
  return (url, init) => {
    const post = fetcher(url, init);
    posts.add(post);
    const untrack = () => void posts.delete(post);
    post.then(untrack, untrack);
    return post;
  };
}

function routerOnlyRefusal(): PaymentsError {
  return new PaymentsError(
    'Callback subscriptions are served only to the router: set ROUTER_SECRET on the subgraph and send it as the Router-Secret header (the router would otherwise let anyone make this subgraph post to any URL)',
    'BAD_USER_INPUT',
    { http: { status: 403 } },
  );
}

/** The callback extension's fields, as Apollo Router sends them. */
function extensionProblem(extension: unknown): PaymentsError | undefined {
  const problem = (field: string, expected: string) =>
    new PaymentsError(`extensions.subscription.${field} must be ${expected}`, 'BAD_USER_INPUT', { http: { status: 400 } });
  if (typeof extension !== 'object' || extension === null) {
    return new PaymentsError('extensions.subscription must be an object', 'BAD_USER_INPUT', { http: { status: 400 } });
  }
  const { callbackUrl, subscriptionId, verifier, heartbeatIntervalMs } = extension as Record<string, unknown>;
  if (typeof callbackUrl !== 'string' || !isHttpUrl(callbackUrl)) return problem('callbackUrl', 'an http or https URL');
  if (typeof subscriptionId !== 'string' || subscriptionId === '') return problem('subscriptionId', 'a non-empty string');
  if (typeof verifier !== 'string' || verifier === '') return problem('verifier', 'a non-empty string');
  if (heartbeatIntervalMs !== undefined && !(Number.isSafeInteger(heartbeatIntervalMs) && (heartbeatIntervalMs as number) >= 0)) {
    return problem('heartbeatIntervalMs', 'a whole number of milliseconds, 0 or more');
  }
  return undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Posts to the callback URL within a deadline and reads the answer to its end (the plugin
 * looks only at the status), with each event's unexpected errors masked as a query's are.
 */
function callbackFetcher(timeoutMs: number, maskError: ErrorMask): CallbackFetcher {
  return async (url, init) => {
    // The plugin's every message is a JSON string.
    const body = maskUnexpectedErrors(String(init?.body), maskError);
    const response = await fetch(url, { ...init, body, signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response;
  };
}

interface CallbackMessage {
  payload?: { errors?: GraphQLFormattedError[] };
  errors?: GraphQLFormattedError[];
}

/** The plugin posts each event's errors as graphql-js made them, never through Apollo Server's `formatError`. */
function maskUnexpectedErrors(body: string, maskError: ErrorMask): string {
  const message = JSON.parse(body) as CallbackMessage;
  if (message.payload?.errors) message.payload.errors = message.payload.errors.map((error) => maskError(error));
  if (message.errors) message.errors = message.errors.map((error) => maskError(error));
  return JSON.stringify(message);
}
