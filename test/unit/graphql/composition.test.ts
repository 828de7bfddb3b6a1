import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaPath } from '../../../src/graphql/schema.js';

describe('schema.graphql', () => {
  it('composes as a Federation 2 subgraph', () => {
    const result = composeServices([
      { name: 'payments', url: 'http://payments.invalid/graphql', typeDefs: parse(readFileSync(schemaPath, 'utf8')) },
    ]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('type CheckoutSession');
    expect(result.supergraphSdl).toMatch(/join__type\(graph: PAYMENTS, key: "id"\)/);
  });
});
