import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { RequestContext, SubscriptionScope } from '../graphql/context.js';
import type { ErrorMask } from '../graphql/error-masking.js';
import { operationLimitProblem, type QueryLimits } from '../graphql/query-limits.js';
import type { RequestTally } from '../request-tally.js';
import type { SessionLoaders } from '../sessions/loaders.js';
import type { SessionFeed } from '../sessions/session-feed.js';
import type { ConnectionShare, SubscriptionAdmission } from './admission.js';
import { SharedEventExecution } from './shared-event-execution.js';

/**
 * A subscription document's most tokens. Selecting nearly every field of a session takes
 * about 400; a document of 2 000 tokens weighs some 0.2 MB parsed without locations.
 */
export const maxSubscriptionTokens = 2_000;
/**
 * Documents up to this long are parsed with locations (their errors point into them, as a
 * query's do) and kept for the subscribers that send them again; longer ones are parsed
 * without locations, for their subscription alone.
 */
const maxCachedDocumentCharacters = 8 * 1024;
/** What the kept documents weigh in all, reckoned from their text: about 70 bytes of syntax tree a character, locations included. */
const documentCacheBytes = 8 * 1024 * 1024;
const treeBytesPerCharacter = 70;

/** A GraphQL request as both protocols carry it. */
export interface SubscriptionRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

export interface SubscriptionOperationsOptions {
  schema: GraphQLSchema;
  limits: QueryLimits;
  feed: SessionFeed;
  admission: SubscriptionAdmission;
  /** The context a query gets; a subscription's loaders are made again for each event. */
  createContext: (request: RequestTally) => RequestContext;
  createLoaders: (request: RequestTally) => SessionLoaders;
  /** The errors' rule every transport shares (`unexpectedErrorMask`). */
  maskError: ErrorMask;
}

/**
 * What the SSE and graphql-ws transports share: a request checked as a query is (parsed,
 * validated against the schema, within the query limits) and only a subscription accepted,
 * a context whose subscription scope is the change feed within the admission's limits, and
 * results formatted as query results are.
 */
export class SubscriptionOperations {
  /**
   * Accepted documents by their text: the subscribers of a page send the same one, and each
   * open subscription keeps its document, so sharing it saves a parse and a validation per
   * subscription and the syntax tree each would hold. Only documents that passed every
   * check are kept, and only small ones, bounded by what they weigh in all.
   */
  private readonly documents = new LRUCache<string, DocumentNode>({
    maxSize: documentCacheBytes,
    sizeCalculation: (_document, query) => query.length * treeBytesPerCharacter,
  });

  private readonly sharedExecution = new SharedEventExecution();

  constructor(private readonly options: SubscriptionOperationsOptions) {}

  /** Runs a prepared subscription, sharing each event's execution among identical subscriptions of its session. */
  subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    return this.sharedExecution.subscribe(args);
  }

  /** The execution arguments of a subscription, or the errors to answer instead. */
  prepare(request: SubscriptionRequest, connection: ConnectionShare, tally: RequestTally): ExecutionArgs | GraphQLError[] {
    const { schema } = this.options;
    if (typeof request.query !== 'string' || request.query.trim() === '') {
      return [badRequest('Send the subscription as a non-empty string in "query"')];
    }
    if (request.operationName != null && typeof request.operationName !== 'string') {
      return [badRequest('"operationName" must be a string')];
    }
    const variables = request.variables ?? {};
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
      return [badRequest('"variables" must be an object')];
    }
    const cached = this.documents.get(request.query);
    const document = cached ?? this.validDocument(request.query);
    if (!('kind' in document)) return [...document];
    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (!operation) return [badRequest('The document has no operation of that name, or several and no operationName')];
    if (operation.operation !== 'subscription') {
      return [badRequest(`Only subscriptions are served over this transport: send a ${operation.operation} as POST /graphql with content-type application/json`)];
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables as Record<string, unknown>);
    if (coerced.errors) return coerced.errors.map((error) => withCode(error, 'BAD_USER_INPUT'));
    const problem = operationLimitProblem(this.options.limits, schema, document, operation, request.operationName, variables as Record<string, unknown>);
    if (problem) return [problem];
    if (!cached && request.query.length <= maxCachedDocumentCharacters) this.documents.set(request.query, document);

    tally.isGraphQL = true;
    tally.operationType = 'subscription';
    tally.operationName = operation.name?.value;
    return {
      schema,
      document,
      operationName: request.operationName ?? undefined,
      variableValues: variables as Record<string, unknown>,
      contextValue: this.subscriptionContext(connection, tally),
    };
  }

  /**
   * Gives a context Apollo Server made its subscription scope: the callback protocol's
   * subscriptions run inside Apollo Server's own request, with the context a query gets.
   */
  addScope(context: RequestContext, connection: ConnectionShare): void {
    context.subscriptions = this.scope(context, connection);
  }

  /** As a query's result would be: errors with a client code as they are, anything unexpected masked. */
  format(result: ExecutionResult): FormattedExecutionResult {
    const formatted: FormattedExecutionResult = { ...(result.data === undefined ? {} : { data: result.data }) };
    if (result.errors) return { ...formatted, errors: result.errors.map((error) => this.options.maskError(error.toJSON(), error.originalError ?? error)) };
    return formatted;
  }

  /** The document parsed (at most `maxSubscriptionTokens` tokens; a long one without locations) and validated, or why not. */
  private validDocument(query: string): DocumentNode | readonly GraphQLError[] {
    try {
      const document = parse(query, { noLocation: query.length > maxCachedDocumentCharacters, maxTokens: maxSubscriptionTokens });
      const invalid = validate(this.options.schema, document, specifiedRules);
      return invalid.length > 0 ? invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) : document;
    } catch (error) {
      return [error instanceof GraphQLError ? withCode(error, 'GRAPHQL_PARSE_FAILED') : badRequest('The query could not be parsed')];
    }
  }

  private subscriptionContext(connection: ConnectionShare, tally: RequestTally): RequestContext {
    const context = this.options.createContext(tally);
    this.addScope(context, connection);
    return context;
  }

  private scope(context: RequestContext, connection: ConnectionShare): SubscriptionScope {
    const { feed, admission, createLoaders } = this.options;
    return {
      async watch(sessionId) {
        const release = admission.admit(connection);
        try {
          return await feed.watch(sessionId, release);
        } catch (error) {
          release();
          throw error;
        }
      },
      eventArrived() {
        context.loaders = createLoaders(context.request);
      },
    };
  }
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });
}

/** GraphQL's own refusal with the code a query's would carry, so that it reaches the client as it is. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}
