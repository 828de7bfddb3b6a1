import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { errorCodes } from '../errors.js';

/**
 * The codes a client is meant to read: this subgraph's own, and those a GraphQL server
 * gives a request it refuses (a parse or validation failure, a bad variable).
 */
const clientCodes: ReadonlySet<string> = new Set<string>([
  ...errorCodes,
  ...Object.values(ApolloServerErrorCode).filter((code) => code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR),
]);

const maskedMessage = 'Internal server error';
const maxLoggedFrames = 8;

/** What a transport sends for `error`; `cause` is the error thrown, when the transport still has it, for the log. */
export type ErrorMask = (error: GraphQLFormattedError, cause?: unknown) => GraphQLFormattedError;

/**
 * What every transport (HTTP, SSE, graphql-ws, the router's callbacks) sends for an error:
 * one with a client code as it is; anything else is a bug, whose message may name
 * internals, so it is logged to `logger` and sent as `Internal server error` with
 * `INTERNAL_SERVER_ERROR`, keeping where it happened (`path`, `locations`).
 */
export function unexpectedErrorMask(logger: Logger): ErrorMask {
  return (error, cause) => {
    const code = error.extensions?.code;
    if (typeof code === 'string' && clientCodes.has(code)) return error;
    logger.error({ path: error.path, ...loggable(cause) }, 'unexpected error in a resolver');
    return {
      message: maskedMessage,
      ...(error.locations ? { locations: error.locations } : {}),
      ...(error.path ? { path: error.path } : {}),
      extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * The error's kind and where in the code it was thrown; not its message, which may hold a
 * customer's data or a key.
 */
function loggable(cause: unknown): Record<string, unknown> {
  if (cause === undefined) return {};
  if (typeof cause !== 'object' || cause === null) return { errorType: typeof cause };
  const { name, stack } = cause as { name?: unknown; stack?: unknown };
  const frames =
    typeof stack === 'string'
      ? stack
          .split('\n')
          .filter((line) => line.trimStart().startsWith('at '))
          .slice(0, maxLoggedFrames)
          .map((line) => line.trim())
      : undefined;
  return {
    errorType: typeof name === 'string' ? name : 'Object',
    ...(frames?.length ? { frames } : {}),
  };
}
