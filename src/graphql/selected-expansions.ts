import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import {
  lineItemExpansions,
  sessionExpansions,
  type LineItemExpansion,
  type ReadExpansion,
  type SessionExpansion,
} from '../model/read-expansion.js';

/** The field paths, each one of which needs the expansion when selected. */
type ExpansionFields<Expansion extends ReadExpansion> = Record<Expansion, ReadonlyArray<readonly string[]>>;

/** Below `CheckoutSession`. */
const sessionExpansionFields: ExpansionFields<SessionExpansion> = {
  totalBreakdown: [['totalDetails', 'breakdown']],
  settlement: [['fees'], ['settlement']],
};

/** Below `CheckoutLineItem`. */
const lineItemExpansionFields: ExpansionFields<LineItemExpansion> = {
  lineItemProducts: [['productName']],
  lineItemTaxes: [['taxes']],
  lineItemDiscounts: [['discounts']],
};

/**
 * The expansions the operation's selection of the session being resolved needs: read from
 * the field's selection (`checkoutSession`, or `_entities` with its `... on CheckoutSession`),
 * through fragments, honouring `@skip` and `@include`.
 */
export const sessionExpansionsSelected = selectionReader('CheckoutSession', sessionExpansions, sessionExpansionFields);

/** The expansions the selection of a session's `lineItems` being resolved needs, read the same way. */
export const lineItemExpansionsSelected = selectionReader('CheckoutLineItem', lineItemExpansions, lineItemExpansionFields);

function selectionReader<Expansion extends ReadExpansion>(
  typeName: string,
  expansions: readonly Expansion[],
  fields: ExpansionFields<Expansion>,
): (info: GraphQLResolveInfo) => Expansion[] {
  /**
   * Per execution, graphql-js hands every resolver of one field the same `fieldNodes` array
   * (an `_entities` batch: one for all its representations), so each is read once.
   */
  const readSelections = new WeakMap<readonly FieldNode[], Expansion[]>();
  return (info) => {
    let selected = readSelections.get(info.fieldNodes);
    if (selected === undefined) {
      const selections: SelectionSetNode[] = [];
      for (const node of info.fieldNodes) if (node.selectionSet) selections.push(node.selectionSet);
      selected = expansions.filter((expansion) => fields[expansion].some((path) => isSelected(info, typeName, selections, path)));
      readSelections.set(info.fieldNodes, selected);
    }
    return selected;
  };
}

function isSelected(info: GraphQLResolveInfo, typeName: string, selectionSets: readonly SelectionSetNode[], path: readonly string[]): boolean {
  const [name, ...rest] = path;
  if (name === undefined) return true;
  const subselections: (SelectionSetNode | undefined)[] = [];
  for (const set of selectionSets) collectFieldSelections(info, typeName, set, name, subselections);
  if (subselections.length === 0) return false;
  if (rest.length === 0) return true;
  const fieldTypeName = namedFieldType(info, typeName, name);
  const nested = subselections.filter((set): set is SelectionSetNode => set !== undefined);
  return fieldTypeName !== undefined && isSelected(info, fieldTypeName, nested, rest);
}

/** Adds the selection sets of every included selection of the field `name` on `typeName` (undefined for a leaf). */
function collectFieldSelections(
  info: GraphQLResolveInfo,
  typeName: string,
  selectionSet: SelectionSetNode,
  name: string,
  into: (SelectionSetNode | undefined)[],
): void {
  for (const selection of selectionSet.selections) {
    if (!isIncluded(info, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) into.push(selection.selectionSet);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (appliesTo(info, typeName, selection.typeCondition?.name.value)) {
        collectFieldSelections(info, typeName, selection.selectionSet, name, into);
      }
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment && appliesTo(info, typeName, fragment.typeCondition.name.value)) {
        collectFieldSelections(info, typeName, fragment.selectionSet, name, into);
      }
    }
  }
}

function isIncluded(info: GraphQLResolveInfo, selection: SelectionNode): boolean {
  if (!selection.directives || selection.directives.length === 0) return true;
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
