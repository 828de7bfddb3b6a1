import {
  distinctRandomSessionIds,
  hotSessionId,
  randomSessionId,
  zipfExponent,
  zipfPicker,
  zipfSessionCount,
  zipfSessionId,
} from './bench-sessions.js';
import type { Load, LoadRequest } from './load.js';

const sessionQuery = `query ($id: ID!) {
  checkoutSession(id: $id) { id status paymentStatus amountTotal { amount currency decimal } customer { email name } createdAt }
}`;

const entitiesQuery = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on CheckoutSession { id status amountTotal { amount currency } } }
}`;

export const entitiesRepresentations = 100;
export const entitiesDistinctIds = 50;

function graphqlRequest(query: string, variables: Record<string, unknown>): LoadRequest {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  };
}

function providerGet(id: string): LoadRequest {
  return { method: 'GET', path: `/v1/checkout/sessions/${id}` };
}

/** One `checkoutSession` query per request, for an id `pickId` chooses. */
export function sessionQueryLoad(pickId: () => string): Load {
  return {
    graphql: true,
    next: () => {
      const id = pickId();
      return { ...graphqlRequest(sessionQuery, { id }), sessionId: id };
    },
  };
}

/** `_entities` with 100 representations of 50 distinct random ids, each id twice. */
export function entitiesLoad(): Load {
  return {
    graphql: true,
    next: () => {
      const ids = distinctRandomSessionIds(entitiesDistinctIds);
      const representations = Array.from({ length: entitiesRepresentations }, (_, index) => ({
        __typename: 'CheckoutSession',
        id: ids[index % ids.length],
      }));
      return graphqlRequest(entitiesQuery, { representations });
    },
  };
}

/** `_entities` requests of 100 distinct sessions each, `idAt(0)` to `idAt(count - 1)` in turn; `requests` of them cover all. */
export function fillCacheLoad(count: number, idAt: (index: number) => string): Load & { requests: number } {
  const perRequest = 100;
  let next = 0;
  return {
    graphql: true,
    requests: Math.ceil(count / perRequest),
    next: () => {
      const representations = Array.from({ length: perRequest }, () => ({ __typename: 'CheckoutSession', id: idAt(next++ % count) }));
      return graphqlRequest(entitiesQuery, { representations });
    },
  };
}

/** The same session reads, sent to the pass-through as the provider's own GET. */
export function passThroughLoad(pickId: () => string): Load {
  return {
    graphql: false,
    next: () => {
      const id = pickId();
      return { ...providerGet(id), sessionId: id };
    },
  };
}

export const pickRandomId = randomSessionId;
export const pickHotId = hotSessionId;

/** Scenario (g)'s ids: 3,000 sessions, the popular ones asked for far more often (Zipf, exponent 1.1). */
export function zipfIdPicker(): () => string {
  const pickRank = zipfPicker(zipfSessionCount, zipfExponent);
  return () => zipfSessionId(pickRank());
}
