/** What a provider call is for, first served first: no copy anywhere, a refetch after a webhook, a refresh of a copy, a subscription's poll. */
export const callPriorities = ['first-ask', 'after-webhook', 'refresh', 'poll'] as const;
export type CallPriority = (typeof callPriorities)[number];

/**
 * What one request did, counted as it happens and logged when it ends. It travels with
 * the request explicitly (GraphQL context → loaders → provider reads) rather than in an
 * AsyncLocalStorage, whose promise hooks cost Node 20 a tenth of a request's CPU.
 */
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
  /** Sessions answered from a copy past its cache age, the provider being too busy to read them again at once. */
  answersFromCopy: number;
  errorCodes: string[];
  /** When its provider work must be done by (`performance.now()` time): no call waits or runs past it. Undefined: no deadline. */
  providerDeadlineAt: number | undefined;
  /** Set when the client went away before its answer was written. */
  clientGone: boolean;
}

export function newRequestTally(requestId: string): RequestTally {
  return {
    requestId,
    isGraphQL: false,
    operationName: undefined,
    operationType: undefined,
    sessionsAsked: 0,
    providerCalls: 0,
    sharedReads: 0,
    answersFromCopy: 0,
    errorCodes: [],
    providerDeadlineAt: undefined,
    clientGone: false,
  };
}

/** True once nobody waits for the request's provider calls: its client went away or its deadline passed. */
export function hasGivenUp(request: RequestTally, now = performance.now()): boolean {
  return request.clientGone || (request.providerDeadlineAt !== undefined && request.providerDeadlineAt <= now);
}

/**
 * Who a provider read is for: the request that started it (none outside a request), and
 * how many reads of other requests have joined it since.
 */
export interface ReadOrigin {
  readonly request: RequestTally | undefined;
  joined: number;
  /** Told when the call got its turn under the rate budgets and is sent. */
  sent?: () => void;
  /** False once every read waiting for the call has given up on it: a call not yet sent is then dropped. */
  wanted?: () => boolean;
  /** What the call is for, which orders it among the calls waiting for a turn; `first-ask` when unset. */
  priority?: CallPriority;
}
