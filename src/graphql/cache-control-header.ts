import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { RequestContext } from './context.js';
import { operationShape } from './operation-shape.js';

/**
 * How the answers of each root field may be cached: `by-session-age` when its resolver
 * records the age of every session it loads, `never` otherwise. A root field missing here
 * is never cached, and the schema test names it.
 */
export const rootFieldCaching: Readonly<Record<string, 'by-session-age' | 'never'>> = {
  checkoutSession: 'by-session-age',
  _entities: 'by-session-age',
  _service: 'never',
};

const uncacheable = 'no-store';

/**
 * Writes `Cache-Control` from the ages the resolvers recorded in the request: the shortest
 * age, always `private` (sessions carry personal data), and `no-store` when the response
 * has an error, when a session was answered from a copy past its age, when no age was recorded, or when a root field outside the rule is selected.
 * It replaces Apollo's cache-control plugin, whose hook runs on every resolved field.
 */
export function cacheControlHeaderPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation, document }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const maxAge = contextValue.responseMaxAge.maxAge;
          const cacheable =
            response.body.kind === 'single' &&
            errors === undefined &&
            // An answer from a copy past its age must not be kept any longer by anyone.
            contextValue.request.answersFromCopy === 0 &&
            maxAge !== undefined &&
            maxAge > 0 &&
            operation !== undefined &&
            document !== undefined &&
            rootFieldsAreCacheable(operation, document);
          response.http.headers.set('cache-control', cacheable ? `max-age=${maxAge}, private` : uncacheable);
        },
      };
    },
  };
}

/** Per operation, since Apollo keeps one parsed document per distinct query. */
const knownOperations = new WeakMap<OperationDefinitionNode, boolean>();

function rootFieldsAreCacheable(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  let cacheable = knownOperations.get(operation);
  if (cacheable === undefined) {
    // `__typename`, `__schema` and `__type` describe the schema, not a session: they change no age.
    cacheable = operationShape(operation, document).rootFields.every(
      ({ name }) => name.value.startsWith('__') || rootFieldCaching[name.value] === 'by-session-age',
    );
    knownOperations.set(operation, cacheable);
  }
  return cacheable;
}
