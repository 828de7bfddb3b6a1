import { describe, expect, it } from 'vitest';
import { stripeUnderscoreHyphenId } from '../../src/providers/stripe/emulator/sessions.js';
import { useHarness, type GraphQLResult, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';

const sessionFields = 'id provider status amountTotal { decimal currency }';
const sessionQuery = `query ($id: ID!) { checkoutSession(id: $id) { ${sessionFields} } }`;
const entitiesQuery = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on CheckoutSession { ${sessionFields} } }
}`;

interface Lookup {
  session: unknown;
  errors: GraphQLResult['errors'];
}

const lookups = [
  {
    field: 'checkoutSession',
    async lookUp(harness: Harness, id: string): Promise<Lookup> {
      const result = await harness.query(sessionQuery, { id });
      return { session: result.data?.checkoutSession, errors: result.errors };
    },
  },
  {
    field: '_entities',
    async lookUp(harness: Harness, id: string): Promise<Lookup> {
      const result = await harness.query(entitiesQuery, { representations: [{ __typename: 'CheckoutSession', id }] });
      return { session: (result.data?._entities as unknown[] | undefined)?.[0], errors: result.errors };
    },
  },
];

/** Ids of the documented shape that the emulator, like Stripe, has never issued. */
const unknownWellFormedIds = [
  ['an id with underscores', 'cs_test_order_1'],
  ['a live-mode id with a hyphen', 'cs_live_a1b2-c3'],
  ['a short id', 'cs_test_nope'],
  ['an id of one character after the prefix', 'cs_test_x'],
  ['an id of 255 characters', `cs_live_${'Ab_-9'.repeat(49)}xy`],
];

const hostileIds = [
  ['a slash', 'cs_test_a1/b2'],
  ['a way back up the path', 'cs_test_../../v1/refunds'],
  ['a percent-encoded slash', 'cs_test_a1%2Fb2'],
  ['a question mark', 'cs_test_a1?expand[]=customer'],
  ['a hash', 'cs_test_a1#b2'],
  ['a dot', 'cs_test_a1.b2'],
  ['a space', 'cs_test_a1 b2'],
  ['a tab', 'cs_test_a1\tb2'],
  ['a line break', 'cs_test_a1\r\nb2'],
  ['a NUL character', 'cs_test_a1\u0000b2'],
  ['a DEL character', 'cs_test_a1\u007fb2'],
  ['an accented letter', 'cs_test_café1'],
  ['a full-width letter', 'cs_test_ａ1b2'],
  ['an emoji', 'cs_test_a1😀'],
  ['a right-to-left override', 'cs_test_a1\u202eb2'],
  ['nothing after the prefix', 'cs_test_'],
  ['256 characters', `cs_test_${'a'.repeat(248)}`],
];

describe('Stripe session ids, which Stripe keeps opaque', () => {
  const harness = useHarness();

  describe.each(lookups)('looked up through $field', ({ lookUp }) => {
    it('serves a session whose id has underscores and hyphens, with one provider call', async () => {
      const { session, errors } = await lookUp(harness, stripeUnderscoreHyphenId);
      expect(errors).toBeUndefined();
      expect(session).toEqual({
        id: 'cs_test_j1_Order-1006_retry-2',
        provider: 'STRIPE',
        status: 'OPEN',
        amountTotal: { decimal: '18.00', currency: 'GBP' },
      });
      expect(harness.emulator.calls).toMatchObject([{ method: 'GET', path: '/v1/checkout/sessions/cs_test_j1_Order-1006_retry-2' }]);
    });

    it.each(unknownWellFormedIds)('asks Stripe about %s once and answers NOT_FOUND', async (_case, id) => {
      const { session, errors } = await lookUp(harness, id);
      expect(session).toBeNull();
      expect(errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(harness.emulator.calls).toMatchObject([{ method: 'GET', path: `/v1/checkout/sessions/${id}` }]);
    });

    it.each(hostileIds)('refuses an id with %s as BAD_USER_INPUT without asking Stripe', async (_case, id) => {
      const { session, errors } = await lookUp(harness, id);
      expect(session).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id' });
      expect(errors?.[0]?.message).toMatch(/^Invalid checkout session id: .*255 characters/);
      expect(harness.emulator.countCalls()).toBe(0);
    });
  });

  it('tells the client what a Stripe id looks like when one is malformed', async () => {
    const result = await harness.query(sessionQuery, { id: 'cs_live_a1.b2' });
    expect(result.errors?.[0]?.message).toBe(
      'Invalid checkout session id: a Stripe id is cs_test_... or cs_live_... followed by letters, digits, _ or -, 255 characters at most',
    );
  });
});

describe('a Stripe id Stripe does not know, with the cache on', () => {
  const clock = new TestClock();
  const harness = useHarness({ CACHE: 'on', CACHE_NOT_FOUND_TTL_MS: '1000' }, {}, { readCacheClock: clock });

  it.each(lookups)('is remembered as not found through $field for CACHE_NOT_FOUND_TTL_MS, then asked about again', async ({ field, lookUp }) => {
    const id = `cs_test_gone_${field}-1`;
    const answers = [await lookUp(harness, id), await lookUp(harness, id)];
    expect(answers.map(({ errors }) => errors?.[0]?.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(harness.emulator.countCalls()).toBe(1);

    clock.time += 1_200;
    const later = await lookUp(harness, id);
    expect(later.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(harness.emulator.countCalls()).toBe(2);
  });
});
