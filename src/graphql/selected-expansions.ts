import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { sessionExpansions, type SessionExpansion } from '../model/session-expansion.js';

/** The field path below `CheckoutSession` whose selection needs each expansion. */
const expansionFields: Record<SessionExpansion, readonly string[]> = {
  totalBreakdown: ['totalDetails', 'breakdown'],
};

const sessionTypeName = 'CheckoutSession';

/**
 * The expansions the operation's selection of the session being resolved needs: read from
 * the field's selection (`checkoutSession`, or `_entities` with its `... on CheckoutSession`),
 * through fragments, honouring `@skip` and `@include`.
 */
export function expansionsSelected(info: GraphQLResolveInfo): SessionExpansion[] {
  const selections = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  return sessionExpansions.filter((expansion) => isSelected(info, sessionTypeName, selections, expansionFields[expansion]));
}

function isSelected(info: GraphQLResolveInfo, typeName: string, selectionSets: readonly SelectionSetNode[], path: readonly string[]): boolean {
  const [name, ...rest] = path;
  if (name === undefined) return true;
  const subselections = selectionSets.flatMap((set) => fieldSelections(info, typeName, set, name));
  if (subselections.length === 0) return false;
  if (rest.length === 0) return true;
  const fieldTypeName = namedFieldType(info, typeName, name);
  return fieldTypeName !== undefined && isSelected(info, fieldTypeName, subselections.flatMap((set) => set ?? []), rest);
}

/** The selection sets of every included selection of the field `name` on `typeName` (undefined for a leaf). */
function fieldSelections(
  info: GraphQLResolveInfo,
  typeName: string,
  selectionSet: SelectionSetNode,
  name: string,
): (SelectionSetNode | undefined)[] {
  return selectionSet.selections.flatMap((selection) => {
    if (!isIncluded(info, selection)) return [];
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === name ? [selection.selectionSet] : [];
      case Kind.INLINE_FRAGMENT:
        return appliesTo(info, typeName, selection.typeCondition?.name.value)
          ? fieldSelections(info, typeName, selection.selectionSet, name)
          : [];
      case Kind.FRAGMENT_SPREAD: {
        const fragment = info.fragments[selection.name.value];
        return fragment && appliesTo(info, typeName, fragment.typeCondition.name.value)
          ? fieldSelections(info, typeName, fragment.selectionSet, name)
          : [];
      }
    }
  });
}

function isIncluded(info: GraphQLResolveInfo, selection: SelectionNode): boolean {
  const condition = (directive: string) => {
    const argument = selection.directives?.find((node) => node.name.value === directive)?.arguments?.find((node) => node.name.value === 'if');
    return argument ? valueFromASTUntyped(argument.value, info.variableValues) === true : undefined;
  };
  return condition('skip') !== true && condition('include') !== false;
}

/** A fragment applies on its own type, and on an abstract type (such as `_Entity`) the type belongs to. */
function appliesTo(info: GraphQLResolveInfo, typeName: string, condition: string | undefined): boolean {
  if (condition === undefined || condition === typeName) return true;
  const conditionType = info.schema.getType(condition);
  return isAbstractType(conditionType) && info.schema.getPossibleTypes(conditionType).some((type) => type.name === typeName);
}

function namedFieldType(info: GraphQLResolveInfo, typeName: string, fieldName: string): string | undefined {
  const type = info.schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  return field ? getNamedType(field.type).name : undefined;
}
