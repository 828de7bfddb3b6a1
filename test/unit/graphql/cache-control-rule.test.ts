import { describe, expect, it } from 'vitest';
import { rootFieldCaching } from '../../../src/graphql/cache-control-header.js';
import { loadSubgraphSchema } from '../../../src/graphql/schema.js';
import { quietLogger } from '../../support/log-lines.js';

describe('the Cache-Control rule', () => {
  it('says for every root field of the schema, federation fields included, whether its answers may be cached', () => {
    const rootFields = Object.keys(loadSubgraphSchema(quietLogger()).getQueryType()?.getFields() ?? {});
    const uncovered = rootFields.filter((name) => !Object.hasOwn(rootFieldCaching, name));
    expect(
      uncovered,
      `root fields the Cache-Control rule does not cover: ${uncovered.join(', ')}; give each a rule in src/graphql/cache-control-header.ts ` +
        "('by-session-age' only when its resolver records the age of every session it loads)",
    ).toEqual([]);
    expect(rootFields).toEqual(expect.arrayContaining(['checkoutSession', '_entities', '_service']));
  });

  it('names no root field the schema no longer has', () => {
    const rootFields = new Set(Object.keys(loadSubgraphSchema(quietLogger()).getQueryType()?.getFields() ?? {}));
    expect(Object.keys(rootFieldCaching).filter((name) => !rootFields.has(name))).toEqual([]);
  });
});
