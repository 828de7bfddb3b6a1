import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  getVariableValues,
  Kind,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { PaymentsError } from '../errors.js';
import { introspectionCostOf } from './introspection-cost.js';
import { operationShape, type OperationShape } from './operation-shape.js';

export interface QueryLimits {
  /** Sessions one request may ask for: `_entities` representations plus `checkoutSession` fields. */
  maxEntitiesPerRequest: number;
  maxQueryDepth: number;
  maxQueryCost: number;
}

/** What loading one session costs on top of its selected fields: it is a provider call. */
const sessionLoadCost = 10;
/**
 * Selections the cost analysis looks at, fragments expanded, before it stops: a query that
 * has more is over any cost limit, since each selection costs at least 1.
 */
const maxCostedSelections = 10_000;

/** A query's cost, or word that it has more selections than are costed. */
type QueryCost = { cost: number } | 'too-many-selections';

/**
 * Refuses, before any resolver runs, an operation that asks for too many sessions, nests
 * too deep or costs too much. It runs once the operation and its variables are known,
 * since a batch's size is usually in `$representations`, which validation never sees.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) return;
          const problem = operationLimitProblem(limits, schema, document, operation, request.operationName, request.variables ?? {});
          if (problem) throw problem;
        },
      };
    },
  };
}

/**
 * Why the operation is over the limits, or undefined when it is within them (or when its
 * variables do not fit it: execution reports that itself, and runs nothing). The
 * subscription transports check their operations with it too.
 */
export function operationLimitProblem(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  operationName: string | undefined | null,
  inputs: Record<string, unknown>,
): PaymentsError | undefined {
  const variables = operationVariables(schema, operation, inputs);
  if (variables === undefined) return undefined;
  const shape = operationShape(operation, document);

  const sessions = countSessionsAsked(shape.rootFields, variables);
  if (sessions > limits.maxEntitiesPerRequest) {
    return limitError(
      `This request asks for ${sessions} checkout sessions; at most ${limits.maxEntitiesPerRequest} are allowed in one request (MAX_ENTITIES_PER_REQUEST)`,
    );
  }
  if (shape.depth > limits.maxQueryDepth) {
    return limitError(`Query depth ${shape.depth} exceeds the limit of ${limits.maxQueryDepth} (MAX_QUERY_DEPTH)`);
  }
  const cost = queryCostOf(schema, document, operationName ?? undefined, inputs);
  if (cost === 'too-many-selections') {
    return limitError(
      `Query cost exceeds the limit of ${limits.maxQueryCost} (MAX_QUERY_COST): it has more than ${maxCostedSelections} selections once its fragments are expanded`,
    );
  }
  if (cost.cost > limits.maxQueryCost) {
    return limitError(`Query cost ${cost.cost} exceeds the limit of ${limits.maxQueryCost} (MAX_QUERY_COST)`);
  }
  return undefined;
}

function limitError(message: string): PaymentsError {
  return new PaymentsError(message, 'BAD_USER_INPUT', { http: { status: 400 } });
}

/** The variables as the operation will run with them, defaults applied; undefined when they do not fit. */
function operationVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs, { maxErrors: 1 });
  return coerced.errors ? undefined : coerced.coerced;
}

/** Sessions the operation will load: a `checkoutSession` field each, and each `_entities` representation. */
function countSessionsAsked(rootFields: OperationShape['rootFields'], variables: Record<string, unknown>): number {
  let count = 0;
  for (const field of rootFields) {
    if (field.name.value === 'checkoutSession' || field.name.value === 'checkoutSessionUpdated') count += 1;
    if (field.name.value === '_entities') {
      const argument = field.arguments?.find((candidate) => candidate.name.value === 'representations');
      const value = argument ? valueFromASTUntyped(argument.value, variables) : undefined;
      count += Array.isArray(value) ? value.length : 1;
    }
  }
  return count;
}

const sessionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name === '_entities') {
    const count = Array.isArray(args.representations) ? args.representations.length : 1;
    return count * (sessionLoadCost + childComplexity);
  }
  if (field.name === 'checkoutSession' || field.name === 'checkoutSessionUpdated') return sessionLoadCost + childComplexity;
  return undefined;
};

/** Introspection answers describe the whole schema, however few fields they select: each costs the schema's size. */
function introspectionEstimator(schema: GraphQLSchema): ComplexityEstimator {
  const cost = introspectionCostOf(schema);
  return ({ field, childComplexity }) => (field.name === '__schema' || field.name === '__type' ? cost + childComplexity : undefined);
}

/**
 * Per document: `'varies'` when variables can change its cost, else its cost per operation
 * name. Apollo keeps one parsed document per distinct query, so the same query sent again
 * finds its cost here.
 */
const knownCosts = new WeakMap<DocumentNode, Map<string | undefined, QueryCost> | 'varies'>();

function queryCostOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): QueryCost {
  let costs = knownCosts.get(document);
  if (costs === undefined) {
    costs = costDependsOnVariables(document) ? 'varies' : new Map();
    knownCosts.set(document, costs);
  }
  if (costs === 'varies') return queryCost(schema, document, operationName, variables);
  let cost = costs.get(operationName);
  if (cost === undefined) {
    cost = queryCost(schema, document, operationName, variables);
    costs.set(operationName, cost);
  }
  return cost;
}

/** Variables change the cost through `_entities`' representations and through `@skip`/`@include` conditions. */
function costDependsOnVariables(document: DocumentNode): boolean {
  let depends = false;
  visit(document, {
    Field(field) {
      if (field.name.value !== '_entities') return undefined;
      depends = true;
      return BREAK;
    },
    Directive(directive) {
      if (!directive.arguments?.some((argument) => argument.value.kind !== Kind.BOOLEAN)) return undefined;
      depends = true;
      return BREAK;
    },
  });
  return depends;
}

/** Called once the variables are known to fit: any error of the analysis is its selection cap. */
function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): QueryCost {
  try {
    const cost = getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      maxQueryNodes: maxCostedSelections,
      estimators: [sessionEstimator, introspectionEstimator(schema), simpleEstimator({ defaultComplexity: 1 })],
    });
    return { cost };
  } catch {
    return 'too-many-selections';
  }
}
