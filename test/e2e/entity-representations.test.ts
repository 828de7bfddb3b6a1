import { describe, expect, it } from 'vitest';
import { stripeCompletePaidId, stripeSeedExampleId } from '../../src/providers/stripe/emulator/sessions.js';
import { useHarness } from '../support/harness.js';
import { memoryLogger } from '../support/log-lines.js';

const entitiesQuery = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`;

describe('_entities with a representation that cannot be resolved', () => {
  const log = memoryLogger();
  const harness = useHarness({}, {}, { logger: log.logger });

  it.each([
    ['an unknown __typename', { __typename: 'Nope', id: stripeSeedExampleId }],
    ['no __typename', { id: stripeSeedExampleId }],
    ['__typename "__proto__"', { __typename: '__proto__', id: stripeSeedExampleId }],
    ['__typename "constructor"', { __typename: 'constructor', id: stripeSeedExampleId }],
    ['a number as __typename', { __typename: 7, id: stripeSeedExampleId }],
    ['a number as id', { __typename: 'CheckoutSession', id: 42 }],
    ['an object as id', { __typename: 'CheckoutSession', id: { startsWith: 'cs_' } }],
    ['no id', { __typename: 'CheckoutSession' }],
    ['a string instead of an object', 'CheckoutSession'],
  ])('answers %s with BAD_USER_INPUT at its index and its neighbours as usual', async (_case, bad) => {
    const result = await harness.query(entitiesQuery, {
      representations: [
        { __typename: 'CheckoutSession', id: stripeSeedExampleId },
        bad,
        { __typename: 'CheckoutSession', id: stripeCompletePaidId },
      ],
    });
    expect(result.status).toBe(200);
    expect(result.data?._entities).toEqual([{ id: stripeSeedExampleId }, null, { id: stripeCompletePaidId }]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['_entities', 1], extensions: { code: 'BAD_USER_INPUT', argumentName: 'representations' } });
    expect(result.errors?.[0]?.message).toMatch(/^Representation 1 cannot be resolved: /);
    expect(harness.emulator.countCalls()).toBe(2);
  });

  it('logs a refused __typename bounded and with keys, emails and addresses masked, below error level', async () => {
    log.lines.length = 0;
    const typename = `jenny.rosen@example.com 203.0.113.7 sk_live_51HabcDEF123 ${'x'.repeat(100_000)}`;
    const result = await harness.query(entitiesQuery, { representations: [{ __typename: typename, id: stripeSeedExampleId }] });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).not.toMatch(/jenny|203\.0\.113\.7|sk_live/);
    expect(result.errors?.[0]?.message.length).toBeLessThan(200);

    expect(log.lines.filter((line) => line.level >= 50)).toEqual([]);
    const logged = JSON.stringify(log.lines.filter((line) => line.level === 30));
    expect(logged).toContain('entity representations refused');
    expect(logged).not.toMatch(/jenny|203\.0\.113\.7|sk_live/);
    expect(logged.length).toBeLessThan(1000);
  });
});
