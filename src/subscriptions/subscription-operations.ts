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

/** Distinct subscription documents kept parsed; a page's subscribers share one. */
const documentCacheEntries = 500;

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
   * Parsed and validated documents by their text: the subscribers of a page send the same
   * one, and each open subscription keeps its document, so sharing it saves a parse and a
   * validation per subscription and the few KB of syntax tree each would hold.
   */
  private readonly documents = new LRUCache<string, DocumentNode | readonly GraphQLError[]>({ max: documentCacheEntries });

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
    const document = this.validDocument(request.query);
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

  private validDocument(query: string): DocumentNode | readonly GraphQLError[] {
    const known = this.documents.get(query);
    if (known) return known;
    let outcome: DocumentNode | readonly GraphQLError[];
    try {
      const document = parse(query);
      const invalid = validate(this.options.schema, document, specifiedRules);
      outcome = invalid.length > 0 ? invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) : document;
    } catch (error) {
      outcome = [error instanceof GraphQLError ? withCode(error, 'GRAPHQL_PARSE_FAILED') : badRequest('The query could not be parsed')];
    }
    this.documents.set(query, outcome);
    return outcome;
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
