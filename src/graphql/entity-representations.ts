import { Kind, type GraphQLFieldResolver, type GraphQLSchema, type ObjectTypeDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import { InvalidRepresentationError } from '../errors.js';
import { RepeatableLog } from '../logger.js';
import { sanitizeText } from '../sanitize-text.js';
import type { RequestContext } from './context.js';

/** Longest form of a client's `__typename` that is logged or answered. */
const maxLoggedTypenameLength = 64;

/**
 * Makes `_entities` judge each representation on its own: one whose `__typename` names no
 * entity of this subgraph, or whose key fields are not strings, is answered at its index
 * with `BAD_USER_INPUT` while its neighbours load as usual. Without this, `@apollo/subgraph`
 * fails the whole batch for one unknown `__typename` (`__proto__` and `constructor`
 * included), and a numeric id reaches the resolvers. Refusals are logged to `logger`, a
 * repeated one at most once a minute.
 */
export function checkEntityRepresentations(schema: GraphQLSchema, logger: Logger): GraphQLSchema {
  const entities = schema.getQueryType()?.getFields()._entities;
  const resolveEntities = entities?.resolve;
  if (!entities || !resolveEntities) return schema;
  const keyFieldsByType = entityKeyFields(schema);
  const refusals = new RepeatableLog(logger);
  const resolve: GraphQLFieldResolver<unknown, RequestContext> = async (source, args, context, info) => {
    const representations = args.representations as unknown[];
    const problems = representations.map((representation) => problemWith(representation, keyFieldsByType));
    const accepted = representations.filter((_representation, index) => problems[index] === undefined);
    const loaded = (await resolveEntities(source, { ...args, representations: accepted }, context, info)) as unknown[];
    const refused = problems.filter((problem) => problem !== undefined);
    if (refused.length > 0) {
      refusals.log(
        'info',
        `entity-representations-refused ${refused[0]!.typename ?? ''}`,
        { requestId: context.request.requestId, refused: refused.length, firstTypename: refused[0]!.typename },
        'entity representations refused',
      );
    }
    let next = 0;
    return problems.map((problem, index) =>
      problem === undefined ? loaded[next++] : new InvalidRepresentationError(index, problem.reason),
    );
  };
  entities.resolve = resolve as typeof entities.resolve;
  return schema;
}

interface RepresentationProblem {
  reason: string;
  /** What the client sent as `__typename`, bounded and with keys, emails and addresses masked. */
  typename: string | undefined;
}

function problemWith(representation: unknown, keyFieldsByType: ReadonlyMap<string, readonly string[]>): RepresentationProblem | undefined {
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) {
    return { reason: 'it is not an object with a __typename', typename: undefined };
  }
  const { __typename: typename } = representation as Record<string, unknown>;
  if (typeof typename !== 'string') return { reason: 'its __typename is missing or not a string', typename: undefined };
  const safeTypename = sanitizeText(typename, maxLoggedTypenameLength);
  const keyFields = keyFieldsByType.get(typename);
  if (!keyFields) {
    const known = [...keyFieldsByType.keys()].join(', ');
    return { reason: `__typename "${safeTypename}" is not an entity of this subgraph (${known})`, typename: safeTypename };
  }
  for (const field of keyFields) {
    if (typeof (representation as Record<string, unknown>)[field] !== 'string') {
      return { reason: `its ${field} must be a string`, typename: safeTypename };
    }
  }
  return undefined;
}

/** Each entity type with the fields of its `@key`s (this subgraph's keys are flat field lists). */
function entityKeyFields(schema: GraphQLSchema): Map<string, string[]> {
  const entityUnion = schema.getType('_Entity');
  const types = entityUnion && 'getTypes' in entityUnion ? entityUnion.getTypes() : [];
  return new Map(
    types.map((type) => {
      const keys = (type.astNode as ObjectTypeDefinitionNode | undefined)?.directives?.filter((directive) => directive.name.value === 'key') ?? [];
      const fields = keys.flatMap((key) => {
        const argument = key.arguments?.find((candidate) => candidate.name.value === 'fields');
        return argument?.value.kind === Kind.STRING ? argument.value.value.split(/[\s,]+/).filter(Boolean) : [];
      });
      return [type.name, [...new Set(fields)]];
    }),
  );
}
