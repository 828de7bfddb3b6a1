import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerValidationErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { PaymentsError } from '../errors.js';
import { logger } from '../logger.js';
import { cacheControlHeaderPlugin } from './cache-control-header.js';
import type { RequestContext } from './context.js';
import { queryLimitsPlugin, type QueryLimits } from './query-limits.js';

export interface ApolloOptions extends QueryLimits {
  /** Introspection and the Sandbox landing page, both on or both off. */
  introspection: boolean;
}

/** `schema` is the subgraph's (`loadSubgraphSchema()`), which the subscription transports execute too. */
export function createApolloServer(
  schema: GraphQLSchema,
  options: ApolloOptions,
  plugins: ApolloServerPlugin<RequestContext>[] = [],
): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema,
    introspection: options.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatGraphQLError,
    logger,
    // The entry point owns SIGINT and SIGTERM: two owners would race to stop the server.
    stopOnTerminationSignals: false,
    plugins: [
      subscriptionsElsewherePlugin,
      queryLimitsPlugin(options),
      // Cache-Control comes from the ages the resolvers record, without a hook on every field.
      ApolloServerPluginCacheControlDisabled(),
      cacheControlHeaderPlugin(),
      options.introspection
        ? ApolloServerPluginLandingPageLocalDefault()
        : ApolloServerPluginLandingPageDisabled(),
      ...plugins,
    ],
  });
}

/** A subscription sent as a plain JSON request is told where subscriptions are served. */
const subscriptionsElsewherePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new PaymentsError(
          'Subscriptions are served over SSE (POST /graphql with Accept: text/event-stream) or graphql-ws (the graphql-transport-ws protocol on /graphql), not as a JSON response',
          'BAD_USER_INPUT',
          { http: { status: 400 } },
        );
      },
    };
  },
};

/** Apollo Server's own words ("pass introspection: true to ApolloServer") name code the user does not write. */
const introspectionOffMessage =
  'Introspection is off on this subgraph: set INTROSPECTION=true to turn it on (it is off by default with NODE_ENV=production). The router composes from _service { sdl }, which is always served.';

/**
 * Our typed errors and GraphQL's own pass as they are, the refusal of introspection in the
 * words of this subgraph's settings; anything else is a bug, logged and masked.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof PaymentsError) return formatted;
  if (formatted.extensions?.validationErrorCode === ApolloServerValidationErrorCode.INTROSPECTION_DISABLED) {
    return { ...formatted, message: introspectionOffMessage };
  }
  if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
  logger.error({ err: original, path: formatted.path }, 'unexpected error in a resolver');
  return { ...formatted, message: 'Internal server error' };
}
