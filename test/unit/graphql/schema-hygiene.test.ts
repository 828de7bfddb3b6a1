import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadSubgraphTypeDefs, schemaPath } from '../../../src/graphql/schema.js';
import { useHarness } from '../../support/harness.js';

interface Described {
  kind: string;
  name?: { value: string };
  description?: { value: string };
}

/** An object type other subgraphs own: every `@key` of it says `resolvable: false`. */
function isEntityReference(definition: DefinitionNode): boolean {
  if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return false;
  const keys = (definition.directives ?? []).filter((directive) => directive.name.value === 'key');
  return (
    keys.length > 0 &&
    keys.every((key) =>
      (key.arguments ?? []).some(
        (argument) => argument.name.value === 'resolvable' && argument.value.kind === Kind.BOOLEAN && !argument.value.value,
      ),
    )
  );
}

/**
 * Every type, field, argument, enum value and directive in the document that has no
 * description, entity references aside (their owner describes them).
 */
function undescribed(document: DocumentNode): string[] {
  const missing: string[] = [];
  const check = (node: Described, path: string) => {
    if (!node.description?.value.trim()) missing.push(path);
  };
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || isEntityReference(definition)) continue;
    const typeName = definition.kind === Kind.DIRECTIVE_DEFINITION ? `@${definition.name.value}` : definition.name.value;
    check(definition, typeName);
    if ('fields' in definition) {
      for (const field of definition.fields ?? []) {
        check(field, `${typeName}.${field.name.value}`);
        if ('arguments' in field) {
          for (const argument of field.arguments ?? []) check(argument, `${typeName}.${field.name.value}(${argument.name.value})`);
        }
      }
    }
    if ('values' in definition) {
      for (const value of definition.values ?? []) check(value, `${typeName}.${value.name.value}`);
    }
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) {
      for (const argument of definition.arguments ?? []) check(argument, `${typeName}(${argument.name.value})`);
    }
  }
  return missing;
}

/** Directive names a schema imports with `@link(import: [...])`, without the `@`. */
function linkedImports(document: DocumentNode): string[] {
  return document.definitions.flatMap((definition) =>
    definition.kind === Kind.SCHEMA_EXTENSION || definition.kind === Kind.SCHEMA_DEFINITION
      ? (definition.directives ?? [])
          .filter((directive) => directive.name.value === 'link')
          .flatMap((directive) => directive.arguments ?? [])
          .filter((argument) => argument.name.value === 'import' && argument.value.kind === Kind.LIST)
          .flatMap((argument) => (argument.value.kind === Kind.LIST ? argument.value.values : []))
          .flatMap((value) => (value.kind === Kind.STRING ? [value.value.replace(/^@/, '')] : []))
      : [],
  );
}

/**
 * Each definition printed on its own, keyed by kind and name, so that order, comments and
 * string style do not count. What the subgraph library adds when serving (`schema { query }`,
 * the `_entities` and `_service` fields, `_Any`, `_Entity`, `_Service`, and the definitions
 * of `@link`, the federation directives and their scalars) is left out.
 */
function definitionsByName(document: DocumentNode): Record<string, string> {
  const isFederationName = (name: string) => name.startsWith('_') || name.includes('__');
  const federationDirectives = new Set(['link', ...linkedImports(document)]);
  const ownDefinitions = document.definitions.filter((definition) => {
    if (definition.kind === Kind.SCHEMA_DEFINITION) return false;
    if (!('name' in definition) || !definition.name) return true;
    if (definition.kind === Kind.DIRECTIVE_DEFINITION && federationDirectives.has(definition.name.value)) return false;
    return !isFederationName(definition.name.value);
  });
  const normalized = visit({ kind: Kind.DOCUMENT, definitions: ownDefinitions }, {
    StringValue: (node) => ({ ...node, block: false }),
    FieldDefinition: (node) => (isFederationName(node.name.value) ? null : undefined),
  });
  const keyOf = (definition: DefinitionNode) =>
    'name' in definition && definition.name ? `${definition.kind} ${definition.name.value}` : definition.kind;
  return Object.fromEntries(normalized.definitions.map((definition) => [keyOf(definition), print(definition)]));
}

describe('schema.graphql', () => {
  it('describes every type, field, argument, enum value and directive (they show in Apollo Sandbox)', () => {
    expect(undescribed(loadSubgraphTypeDefs())).toEqual([]);
  });

  it("describes Query.checkoutSession's id for both providers, as the error for a malformed id does", () => {
    const query = loadSubgraphTypeDefs().definitions.find(
      (definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Query',
    );
    const field = query?.fields?.find((candidate) => candidate.name.value === 'checkoutSession');
    expect(field?.description?.value).toContain('a Stripe id (cs_test_..., cs_live_...) or a Converge Gate id (8 to 64 characters of A-Z a-z 0-9 - _)');
    expect(field?.arguments?.[0]?.description?.value).toContain('Converge Gate');
  });

  it('names what lacks a description, so the check above can fail', () => {
    const document = parse(`"A session." type Session { "Its id." id: ID! status: String }`);
    expect(undescribed(document)).toEqual(['Session.status']);
  });

  it("leaves references to other subgraphs' entities undescribed, so that their owner's descriptions are the ones composed", () => {
    const references = loadSubgraphTypeDefs().definitions.filter(
      (definition): definition is ObjectTypeDefinitionNode => isEntityReference(definition),
    );
    expect(references.map((reference) => reference.name.value)).toEqual(['Order']);
    const descriptions = references.flatMap((reference) => [reference, ...(reference.fields ?? [])]).map((node) => node.description);
    expect(descriptions.filter((description) => description !== undefined)).toEqual([]);
  });

  describe('as served', () => {
    const harness = useHarness();

    it('is exactly what _service { sdl } serves to the gateway, definition for definition', async () => {
      const result = await harness.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
      expect(result.errors).toBeUndefined();
      const served = parse(result.data!._service.sdl);
      const file = parse(readFileSync(schemaPath, 'utf8'));
      expect(definitionsByName(served)).toEqual(definitionsByName(file));
    });
  });
});
