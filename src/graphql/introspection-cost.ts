import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, type GraphQLSchema } from 'graphql';

const knownCosts = new WeakMap<GraphQLSchema, number>();

/**
 * What one `__schema` or `__type` selection costs: the entries a full introspection answer
 * lists (types, their fields and arguments, enum values, input fields, interfaces and
 * possible types, directives and theirs), since a few selected fields return them all.
 */
export function introspectionCostOf(schema: GraphQLSchema): number {
  let cost = knownCosts.get(schema);
  if (cost === undefined) {
    cost = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      cost += 1;
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) cost += 1 + field.args.length;
        cost += type.getInterfaces().length;
      }
      if (isInterfaceType(type) || isUnionType(type)) cost += schema.getPossibleTypes(type).length;
      if (isInputObjectType(type)) cost += Object.keys(type.getFields()).length;
      if (isEnumType(type)) cost += type.getValues().length;
    }
    for (const directive of schema.getDirectives()) cost += 1 + directive.args.length;
    knownCosts.set(schema, cost);
  }
  return cost;
}
