import { describe, expect, it } from 'vitest';
import { convergeGateCompletedId, convergeGateSeedExampleId } from '../../src/providers/convergegate/emulator/sessions.js';
import { stripeCompletePaidId, stripeSeedExampleId } from '../../src/providers/stripe/emulator/sessions.js';
import { startHarness, useHarness } from '../support/harness.js';

const entitiesQuery = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on CheckoutSession { id provider status amountTotal { decimal currency } } }
}`;

const representation = (id: string) => ({ __typename: 'CheckoutSession', id });

describe('routing session ids to their provider', () => {
  const harness = useHarness();

  it('loads Stripe and Converge Gate sessions side by side in one _entities call, in order', async () => {
    const ids = [stripeSeedExampleId, convergeGateSeedExampleId, stripeCompletePaidId, convergeGateCompletedId, stripeSeedExampleId];
    const result = await harness.query(entitiesQuery, { representations: ids.map(representation) });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: stripeSeedExampleId, provider: 'STRIPE', status: 'OPEN', amountTotal: { decimal: '21.98', currency: 'USD' } },
      { id: convergeGateSeedExampleId, provider: 'CONVERGE_GATE', status: 'OPEN', amountTotal: { decimal: '10.00', currency: 'PLN' } },
      { id: stripeCompletePaidId, provider: 'STRIPE', status: 'COMPLETE', amountTotal: { decimal: '52.10', currency: 'EUR' } },
      { id: convergeGateCompletedId, provider: 'CONVERGE_GATE', status: 'COMPLETE', amountTotal: { decimal: '126.20', currency: 'PLN' } },
      { id: stripeSeedExampleId, provider: 'STRIPE', status: 'OPEN', amountTotal: { decimal: '21.98', currency: 'USD' } },
    ]);
    expect(harness.emulator.countCalls('/v1/checkout/sessions/')).toBe(2);
    expect(harness.emulator.countCalls('/convergegate/v1/checkout/sessions/')).toBe(2);
  });

  it('keeps a failing provider from taking the other provider\'s sessions with it', async () => {
    harness.emulator.injectFault(convergeGateSeedExampleId, { kind: 'status', status: 503 });
    const result = await harness.query(entitiesQuery, {
      representations: [representation(convergeGateSeedExampleId), representation(stripeSeedExampleId)],
    });
    expect((result.data?._entities as unknown[])[1]).toMatchObject({ id: stripeSeedExampleId });
    expect(result.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.provider])).toEqual([
      [['_entities', 0], 'PROVIDER_UNAVAILABLE', 'Converge Gate'],
    ]);
  });

  it.each([
    ['a Converge Gate id of 7 characters', 'AbC-12_'],
    ['a Converge Gate id of 65 characters', 'A'.repeat(65)],
    ['an id with a slash', 'AW-kLcRR/C5P8U68'],
    ['an id with a dot', 'AW-kLcRR.C5P8U68'],
  ])('rejects %s with BAD_USER_INPUT and no call', async (_case, id) => {
    const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { id } }`, { id });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/Invalid checkout session id/);
    expect(harness.emulator.countCalls()).toBe(0);
  });

  it('asks Stripe about a Stripe id with a hyphen, once, and answers NOT_FOUND when Stripe has no such session', async () => {
    const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { id } }`, { id: 'cs_live_abc-12345678' });
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(harness.emulator.calls).toMatchObject([{ method: 'GET', path: '/v1/checkout/sessions/cs_live_abc-12345678' }]);
  });

  it.each([
    ['8', 'AbC-12_x'],
    ['64', 'A'.repeat(64)],
  ])('routes a base64url id of %s characters to Converge Gate', async (_length, id) => {
    const result = await harness.query(`query ($id: ID!) { checkoutSession(id: $id) { id } }`, { id });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(harness.emulator.countCalls(`/convergegate/v1/checkout/sessions/${id}`)).toBe(1);
  });
});

describe('a subgraph configured for one provider only', () => {
  it.each([
    ['Stripe only', { CONVERGEGATE_SECRET_KEY: '' }, convergeGateSeedExampleId, 'Converge Gate', stripeSeedExampleId],
    ['Converge Gate only', { STRIPE_SECRET_KEY: '' }, stripeSeedExampleId, 'Stripe', convergeGateSeedExampleId],
  ])('(%s) answers PROVIDER_NOT_CONFIGURED for the other provider\'s ids, with no call, and serves its own', async (
    _case,
    environment,
    foreignId,
    foreignProvider,
    ownId,
  ) => {
    const harness = await startHarness(environment);
    try {
      const result = await harness.query(entitiesQuery, { representations: [representation(foreignId), representation(ownId)] });
      expect(result.data?._entities).toEqual([null, expect.objectContaining({ id: ownId })]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({
        path: ['_entities', 0],
        extensions: { code: 'PROVIDER_NOT_CONFIGURED', provider: foreignProvider },
      });
      expect(result.errors?.[0]?.message).toContain(foreignId);
      expect(harness.emulator.calls).toHaveLength(1);
      expect(harness.emulator.calls[0]?.path).toContain(ownId);
    } finally {
      await harness.close();
    }
  });
});
