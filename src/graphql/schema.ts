import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { checkEntityRepresentations } from './entity-representations.js';
import { resolvers } from './resolvers.js';

/** `schema.graphql` at the repository root: the one source of this subgraph's SDL. */
export const schemaPath = new URL('../../schema.graphql', import.meta.url);

export function loadSubgraphTypeDefs(): DocumentNode {
  return parse(readFileSync(schemaPath, 'utf8'));
}

/** `logger` hears of the `_entities` representations it refuses. */
export function loadSubgraphSchema(logger: Logger): GraphQLSchema {
  return checkEntityRepresentations(
    buildSubgraphSchema({ typeDefs: loadSubgraphTypeDefs(), resolvers: resolvers as GraphQLResolverMap<unknown> }),
    logger,
  );
}
