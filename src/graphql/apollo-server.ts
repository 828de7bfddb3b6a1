import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerValidationErrorCode, unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { PaymentsError } from '../errors.js';
import type { ErrorMask } from './error-masking.js';
import { cacheControlHeaderPlugin } from './cache-control-header.js';
import type { RequestContext } from './context.js';
import { queryLimitsPlugin, type QueryLimits } from './query-limits.js';

export interface ApolloOptions extends QueryLimits {
  /** Introspection, the Sandbox landing page and field suggestions in error messages, all on or all off. */
  introspection: boolean;
  /** Per-field timings (`ftv1`) for the router's requests that ask for them. */
  inlineTraces: boolean;
}

/** What the app hands Apollo Server besides its settings. */
export interface ApolloWiring {
  /** Apollo Server's own lines. */
  logger: Logger;
  /** The errors' rule every transport shares (`unexpectedErrorMask`). */
  maskError: ErrorMask;
  plugins?: ApolloServerPlugin<RequestContext>[];
}

/** `schema` is the subgraph's (`loadSubgraphSchema()`), which the subscription transports execute too. */
export function createApolloServer(schema: GraphQLSchema, options: ApolloOptions, wiring: ApolloWiring): ApolloServer<RequestContext> {
  const { logger, maskError, plugins = [] } = wiring;
  return new ApolloServer<RequestContext>({
    schema,
    introspection: options.introspection,
    // "Did you mean …?" would tell what introspection is off to hide.
    hideSchemaDetailsFromClientErrors: !options.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: graphQLErrorFormatter(maskError),
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
      // Chosen here, so Apollo neither decides by itself nor logs that it did.
      options.inlineTraces ? ApolloServerPluginInlineTrace() : ApolloServerPluginInlineTraceDisabled(),
      ...plugins,
    ],
  });
}

/**
 * A subscription sent as a plain JSON request is told where subscriptions are served; one
 * with the callback protocol's `extensions.subscription` is the callback transport's.
 */
const subscriptionsElsewherePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ request }) {
    if (request.extensions?.subscription !== undefined) return undefined;
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new PaymentsError(
          'Subscriptions are served over SSE (POST /graphql with Accept: text/event-stream), graphql-ws (the graphql-transport-ws protocol on /graphql) or Apollo Router\'s HTTP callback protocol, not as a JSON response',
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
 * The refusal of introspection in the words of this subgraph's settings; a request Apollo
 * refused with a 4xx and no code (a persisted query whose hash does not match) is the
 * client's `BAD_REQUEST`; everything else as every transport sends it (`maskError`).
 */
function graphQLErrorFormatter(maskError: ErrorMask): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    if (formatted.extensions?.validationErrorCode === ApolloServerValidationErrorCode.INTROSPECTION_DISABLED) {
      return { ...formatted, message: introspectionOffMessage };
    }
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' && isClientRefusal(original)) {
      return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
    }
    return maskError(formatted, original);
  };
}

function isClientRefusal(error: unknown): boolean {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | undefined)?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
