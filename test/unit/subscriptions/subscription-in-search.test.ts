import { describe, expect, it } from 'vitest';
import { subscriptionInSearch } from '../../../src/subscriptions/sse-transport.js';

describe('a subscription sent as GET /graphql with its parts in the query string', () => {
  it('reads the query, the operation name and the JSON variables', () => {
    const search = new URLSearchParams({
      query: 'subscription S($id: ID!) { checkoutSessionUpdated(id: $id) { id } }',
      operationName: 'S',
      variables: '{"id":"cs_test_a1"}',
    });
    expect(subscriptionInSearch(search)).toEqual({
      query: 'subscription S($id: ID!) { checkoutSessionUpdated(id: $id) { id } }',
      operationName: 'S',
      variables: { id: 'cs_test_a1' },
    });
  });

  it('leaves variables that are not JSON as sent, for the request check to refuse by name', () => {
    expect(subscriptionInSearch(new URLSearchParams({ query: 'subscription { x }', variables: '{id:' })).variables).toBe('{id:');
  });

  it('has no variables or operation name when the query string has none', () => {
    expect(subscriptionInSearch(new URLSearchParams({ query: 'subscription { x }' }))).toEqual({ query: 'subscription { x }', operationName: undefined, variables: undefined });
  });
});
