import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationShape } from '../../../src/graphql/operation-shape.js';
import { fragmentBomb } from '../../support/fragment-bomb.js';

const shapeOf = (query: string) => {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition')!;
  return operationShape(operation, document);
};

describe('judging an operation without expanding its fragments', () => {
  // A bomb of n levels spread in a session has 2n + 3 selections (the field, the first
  // spread, two spreads per level, the last fragment's `id`): the depth walk visits each
  // once, the root walk only the `checkoutSession` field.
  it('visits a fragment bomb on a session field once per selection: 44 selections at 20 levels, 84 at 40', () => {
    expect(shapeOf(fragmentBomb(20, 'session')).selectionsVisited).toBe(44);
    expect(shapeOf(fragmentBomb(40, 'session')).selectionsVisited).toBe(84);
  });

  // At the root, a bomb of n levels has 2n + 2 selections, and both walks go through them.
  it('visits a fragment bomb at the root once per selection and walk: 84 at 20 levels, 164 at 40', () => {
    expect(shapeOf(fragmentBomb(20, 'root')).selectionsVisited).toBe(84);
    expect(shapeOf(fragmentBomb(40, 'root')).selectionsVisited).toBe(164);
  });

  it('still finds the depth and the root fields through fragments spread many times', () => {
    const session = shapeOf(fragmentBomb(40, 'session'));
    expect(session.depth).toBe(2);
    expect(session.rootFields.map((field) => field.name.value)).toEqual(['checkoutSession']);
    const root = shapeOf(fragmentBomb(40, 'root'));
    expect(root.depth).toBe(0);
    expect(root.rootFields.map((field) => field.name.value)).toEqual(['__typename']);
  });

  it('counts one root field per response key, as execution merges them', () => {
    const shape = shapeOf(`{ a: checkoutSession(id: "x") { id } a: checkoutSession(id: "x") { status } b: checkoutSession(id: "y") { id } ...More }
      fragment More on Query { b: checkoutSession(id: "y") { id } c: _entities(representations: []) { __typename } }`);
    expect(shape.rootFields.map((field) => field.alias?.value)).toEqual(['a', 'b', 'c']);
  });
});
