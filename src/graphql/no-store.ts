import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from './context.js';

/**
 * Marks every answer `cache-control: no-store`, which is what Apollo's cache-control
 * plugin says for a schema without cache hints, without that plugin's hook on every
 * resolved field (a measurable share of a request's CPU). Freshness is the subgraph's own
 * business: its session cache and webhooks, not HTTP caches in front of it.
 */
export const noStoreResponses: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};
