import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import { PaymentsError } from '../errors.js';
import { logger } from '../logger.js';
import type { RequestContext } from './context.js';
import { noStoreResponses } from './no-store.js';
import { loadSubgraphSchema } from './schema.js';

export function createApolloServer(): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema: loadSubgraphSchema(),
    includeStacktraceInErrorResponses: false,
    formatError: hideInternalErrors,
    logger,
    plugins: [ApolloServerPluginCacheControlDisabled(), noStoreResponses],
  });
}

/** Our typed errors and GraphQL's own pass as they are; anything else is a bug, logged and masked. */
function hideInternalErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof PaymentsError) return formatted;
  if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
  logger.error({ err: original, path: formatted.path }, 'unexpected error in a resolver');
  return { ...formatted, message: 'Internal server error' };
}
