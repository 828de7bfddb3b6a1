import { describe, expect, it } from 'vitest';
import { stripeCompletePaidId } from '../../src/providers/stripe/emulator/sessions.js';
import { useHarness } from '../support/harness.js';

// The ages the README promises.
const settled = 'max-age=600, private';

describe('Cache-Control of responses that hold no session', () => {
  const harness = useHarness();

  it('forbids caching the SDL the router composes from', async () => {
    const result = await harness.query('{ _service { sdl } }');
    expect(result.errors).toBeUndefined();
    expect(result.headers['cache-control']).toBe('no-store');
  });

  it('forbids caching a session asked for together with the SDL', async () => {
    const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { id } _service { sdl } }`, {
      id: stripeCompletePaidId,
    });
    expect(result.errors).toBeUndefined();
    expect(result.headers['cache-control']).toBe('no-store');
  });

  it('forbids caching an answer of only __typename', async () => {
    const result = await harness.query('{ __typename }');
    expect(result.errors).toBeUndefined();
    expect(result.headers['cache-control']).toBe('no-store');
  });

  it('keeps a settled session cacheable for 600 seconds when __typename is asked for beside it, through a fragment', async () => {
    const result = await harness.query(
      `query ($id: ID!) { __typename ...Session } fragment Session on Query { checkoutSession(id: $id) { id status } }`,
      { id: stripeCompletePaidId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.headers['cache-control']).toBe(settled);
  });

  it('forbids caching an empty _entities batch', async () => {
    const result = await harness.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`,
      { representations: [] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.headers['cache-control']).toBe('no-store');
  });

  it('forbids caching a request refused before it runs', async () => {
    const result = await harness.query('{ checkoutSession { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.headers['cache-control']).toBe('no-store');
  });
});
