import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What the limits and `Cache-Control` need to know of an operation, found without expanding its fragments. */
export interface OperationShape {
  /** Nesting depth of the selection, fragments flattened; introspection (`__schema`, `__type`) is not counted. */
  depth: number;
  /**
   * The fields selected at the root, one per response key (fields of one key are merged
   * and run once), through inline fragments and named ones.
   */
  rootFields: readonly FieldNode[];
  /** Selections looked at to find the above: each of the document's selections at most twice, once per walk. */
  selectionsVisited: number;
}

/** Per operation, since Apollo keeps one parsed document per distinct query. */
const knownShapes = new WeakMap<OperationDefinitionNode, OperationShape>();

/**
 * Measures each fragment once, however often it is spread, so a document is judged in
 * time linear in its size: a fragment spread twice in each of 40 levels is 2^40
 * selections expanded, and 80 here.
 */
export function operationShape(operation: OperationDefinitionNode, document: DocumentNode): OperationShape {
  let shape = knownShapes.get(operation);
  if (shape === undefined) {
    shape = measure(operation, fragmentsOf(document));
    knownShapes.set(operation, shape);
  }
  return shape;
}

function measure(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): OperationShape {
  let selectionsVisited = 0;

  // Validation refuses fragment cycles before this runs; an unfinished fragment counts 0 all the same.
  const fragmentDepths = new Map<string, number>();
  const depthOf = (selectionSet: SelectionSetNode): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      selectionsVisited += 1;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet));
      } else {
        const name = selection.name.value;
        let depth = fragmentDepths.get(name);
        if (depth === undefined) {
          fragmentDepths.set(name, 0);
          const fragment = fragments.get(name);
          depth = fragment ? depthOf(fragment.selectionSet) : 0;
          fragmentDepths.set(name, depth);
        }
        deepest = Math.max(deepest, depth);
      }
    }
    return deepest;
  };

  // A fragment spread again at the root adds no field: its fields are merged with the first spread's.
  const rootFieldsByKey = new Map<string, FieldNode>();
  const spreadAtRoot = new Set<string>();
  const collectRootFields = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      selectionsVisited += 1;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (!rootFieldsByKey.has(key)) rootFieldsByKey.set(key, selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collectRootFields(selection.selectionSet);
      } else if (!spreadAtRoot.has(selection.name.value)) {
        spreadAtRoot.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collectRootFields(fragment.selectionSet);
      }
    }
  };

  const depth = depthOf(operation.selectionSet);
  collectRootFields(operation.selectionSet);
  return { depth, rootFields: [...rootFieldsByKey.values()], selectionsVisited };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
}
