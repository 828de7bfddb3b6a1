import type { ApolloServerPlugin } from '@apollo/server';
import { currentRequest } from './request-scope.js';

/** Tells the current request's tally its operation and the codes of the errors it answered with. */
export const requestTallyPlugin: ApolloServerPlugin = {
  async requestDidStart({ request }) {
    const tally = currentRequest();
    if (!tally) return;
    tally.isGraphQL = true;
    tally.operationName = request.operationName ?? undefined;
    return {
      async didResolveOperation({ operationName, operation }) {
        tally.operationName = operationName ?? undefined;
        tally.operationType = operation?.operation;
      },
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        for (const error of response.body.singleResult.errors ?? []) {
          tally.errorCodes.push(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        }
      },
    };
  },
};
