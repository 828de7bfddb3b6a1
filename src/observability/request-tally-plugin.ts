import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestTally } from '../request-tally.js';

/** Longest operation name or error code written to a log line, metric label or span. */
const maxOperationNameLength = 100;

/** Tells the request's tally (in its GraphQL context) its operation and the codes of the errors it answered with. */
export const requestTallyPlugin: ApolloServerPlugin<{ request: RequestTally }> = {
  async requestDidStart({ contextValue }) {
    const tally = contextValue.request;
    tally.isGraphQL = true;
    return {
      // Taken from the parsed document, so it is a GraphQL name, never free text a client sent; bounded all the same.
      async didResolveOperation({ operationName, operation }) {
        tally.operationName = operationName?.slice(0, maxOperationNameLength) ?? undefined;
        tally.operationType = operation?.operation;
      },
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        for (const error of response.body.singleResult.errors ?? []) {
          tally.errorCodes.push(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR').slice(0, maxOperationNameLength));
        }
      },
    };
  },
};
