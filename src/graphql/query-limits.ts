import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  Kind,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { PaymentsError } from '../errors.js';
import { fragmentsOf, rootFields } from './root-fields.js';

export interface QueryLimits {
  /** Sessions one request may ask for: `_entities` representations plus `checkoutSession` fields. */
  maxEntitiesPerRequest: number;
  maxQueryDepth: number;
  maxQueryCost: number;
}

/** What loading one session costs on top of its selected fields: it is a provider call. */
const sessionLoadCost = 10;

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
          const variables = request.variables ?? {};
          const fragments = fragmentsOf(document);

          const sessions = countSessionsAsked(operation, fragments, variables);
          if (sessions > limits.maxEntitiesPerRequest) {
            throw limitError(
              `This request asks for ${sessions} checkout sessions; at most ${limits.maxEntitiesPerRequest} are allowed in one request (MAX_ENTITIES_PER_REQUEST)`,
            );
          }
          const depth = selectionDepth(operation.selectionSet, fragments);
          if (depth > limits.maxQueryDepth) {
            throw limitError(`Query depth ${depth} exceeds the limit of ${limits.maxQueryDepth} (MAX_QUERY_DEPTH)`);
          }
          const cost = queryCostOf(schema, document, request.operationName, variables);
          if (cost !== undefined && cost > limits.maxQueryCost) {
            throw limitError(`Query cost ${cost} exceeds the limit of ${limits.maxQueryCost} (MAX_QUERY_COST)`);
          }
        },
      };
    },
  };
}

function limitError(message: string): PaymentsError {
  return new PaymentsError(message, 'BAD_USER_INPUT', { http: { status: 400 } });
}

const sessionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name === '_entities') {
    const count = Array.isArray(args.representations) ? args.representations.length : 1;
    return count * (sessionLoadCost + childComplexity);
  }
  if (field.name === 'checkoutSession') return sessionLoadCost + childComplexity;
  return undefined;
};

/**
 * Per document: `'varies'` when variables can change its cost, else its cost per operation
 * name. Apollo keeps one parsed document per distinct query, so the same query sent again
 * finds its cost here.
 */
const knownCosts = new WeakMap<DocumentNode, Map<string | undefined, number> | 'varies'>();

function queryCostOf(
  schema: Parameters<typeof getComplexity>[0]['schema'],
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): number | undefined {
  let costs = knownCosts.get(document);
  if (costs === undefined) {
    costs = costDependsOnVariables(document) ? 'varies' : new Map();
    knownCosts.set(document, costs);
  }
  if (costs === 'varies') return queryCost(schema, document, operationName, variables);
  let cost = costs.get(operationName);
  if (cost === undefined) {
    cost = queryCost(schema, document, operationName, variables);
    // Not knowing (variables that do not fit) is not remembered: the next request is costed afresh.
    if (cost !== undefined) costs.set(operationName, cost);
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

function queryCost(
  schema: Parameters<typeof getComplexity>[0]['schema'],
  document: Parameters<typeof getComplexity>[0]['query'],
  operationName: string | undefined,
  variables: Record<string, unknown>,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [sessionEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // Variables that do not fit the operation: execution reports that itself, and runs nothing.
    return undefined;
  }
}

/** Nesting depth of the selection, fragments flattened; introspection (`__schema`, `__type`) is not counted. */
function selectionDepth(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const below = selection.selectionSet ? selectionDepth(selection.selectionSet, fragments) : 0;
      deepest = Math.max(deepest, 1 + below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, fragments));
    }
  }
  return deepest;
}

function countSessionsAsked(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  let count = 0;
  for (const field of rootFields(operation.selectionSet, fragments)) {
    if (field.name.value === 'checkoutSession') count += 1;
    if (field.name.value === '_entities') {
      const argument = field.arguments?.find((candidate) => candidate.name.value === 'representations');
      const value = argument ? valueFromASTUntyped(argument.value, variables) : undefined;
      count += Array.isArray(value) ? value.length : 1;
    }
  }
  return count;
}
