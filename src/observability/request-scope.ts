import { AsyncLocalStorage } from 'node:async_hooks';

/** What one request did, counted as it happens and logged when it ends. */
export interface RequestTally {
  readonly requestId: string;
  /** Set once the request reached GraphQL execution (parsing included). */
  isGraphQL: boolean;
  operationName: string | undefined;
  operationType: string | undefined;
  sessionsAsked: number;
  providerCalls: number;
  /** Reads that joined a provider call another request had in flight. */
  sharedReads: number;
  errorCodes: string[];
}

interface RequestScope {
  tally: RequestTally;
  /** Set inside a provider read other requests may join: how many have. */
  joinable?: { joined: number };
}

const scope = new AsyncLocalStorage<RequestScope>();

export function newRequestTally(requestId: string): RequestTally {
  return {
    requestId,
    isGraphQL: false,
    operationName: undefined,
    operationType: undefined,
    sessionsAsked: 0,
    providerCalls: 0,
    sharedReads: 0,
    errorCodes: [],
  };
}

/** Runs a request's handling with its tally as the current one, for everything it awaits. */
export function runInRequest<Result>(tally: RequestTally, handle: () => Result): Result {
  return scope.run({ tally }, handle);
}

/** The tally of the request being handled, if any. */
export function currentRequest(): RequestTally | undefined {
  return scope.getStore()?.tally;
}

/** A read that other requests may join: `join` counts each, and log lines of the read say how many joined. */
export interface JoinableRead<Value> {
  promise: Promise<Value>;
  join(): void;
}

export function startJoinableRead<Value>(read: () => Promise<Value>): JoinableRead<Value> {
  const current = scope.getStore();
  if (!current) return { promise: read(), join: () => {} };
  const joinable = { joined: 0 };
  const promise = scope.run({ tally: current.tally, joinable }, read);
  return {
    promise,
    join: () => {
      joinable.joined += 1;
    },
  };
}

/** Fields every log line written while handling a request carries. */
export function requestLogFields(): Record<string, unknown> {
  const current = scope.getStore();
  if (!current) return {};
  const joined = current.joinable?.joined ?? 0;
  return joined > 0 ? { requestId: current.tally.requestId, joined } : { requestId: current.tally.requestId };
}

/** Adds sessions to what the current request asked for. */
export function recordSessionsAsked(count: number): void {
  const tally = scope.getStore()?.tally;
  if (tally) tally.sessionsAsked += count;
}
