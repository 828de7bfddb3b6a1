import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderEmulator } from '../../src/emulator/server.js';
import { startHarness, type GraphQLResult, type Harness } from '../support/harness.js';
import { putOpenSessions } from '../support/open-sessions.js';

const entitiesQuery = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`;

const askFor = (harness: Harness, ids: string[]) =>
  harness.query<{ _entities: Array<{ id: string } | null> }>(entitiesQuery, {
    representations: ids.map((id) => ({ __typename: 'CheckoutSession', id })),
  });

const sessionCalls = (emulator: ProviderEmulator) => emulator.calls.filter((call) => call.path.startsWith('/v1/checkout/sessions/'));

function refusals(result: GraphQLResult) {
  return (result.errors ?? []).filter((error) => error.extensions?.code === 'RATE_LIMITED');
}

describe('a call whose turn would come later than PROVIDER_QUEUE_TIMEOUT_MS, 5 s by default', () => {
  let harness: Harness;
  // One call a second (no burst: a turn every 1.05 s) against the emulator's enforced limits.
  beforeAll(async () => {
    harness = await startHarness(
      { PROVIDER_RATE_LIMIT: '1', PROVIDER_GLOBAL_RATE_LIMIT: '1' },
      { stripeRateLimits: 'documented' },
    );
  });
  afterAll(() => harness?.close());

  it('is refused at once with RATE_LIMITED and a retryAfter from the expected wait; the calls within the bound are made', async () => {
    const ids = putOpenSessions(harness.emulator, 'admission', 8);
    const result = await askFor(harness, ids);
    const served = result.data!._entities.filter((session) => session !== null);
    const refused = refusals(result);
    // Turns at 0, 1.05, ... 4.2 s come within 5 s; those at 5.25 s and later do not.
    expect(served).toHaveLength(5);
    expect(refused).toHaveLength(3);
    for (const error of refused) {
      expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', provider: 'Stripe' });
      expect(error.extensions!.retryAfter).toBeGreaterThanOrEqual(5);
      expect(error.extensions!.retryAfter).toBeLessThanOrEqual(6);
    }
    expect(sessionCalls(harness.emulator)).toHaveLength(5);
    expect(harness.emulator.calls.filter((call) => call.rateLimited !== undefined)).toEqual([]);
  });
});

describe('the request deadline, PROVIDER_REQUEST_DEADLINE_MS', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(
      { PROVIDER_RATE_LIMIT: '2', PROVIDER_GLOBAL_RATE_LIMIT: '2', PROVIDER_REQUEST_DEADLINE_MS: '1200' },
      { stripeRateLimits: 'documented' },
    );
  });
  afterAll(() => harness?.close());

  it("bounds the request's provider work: calls whose turn comes after it are refused at once and never made", async () => {
    const ids = putOpenSessions(harness.emulator, 'admission', 6);
    const result = await askFor(harness, ids);
    const served = result.data!._entities.filter((session) => session !== null);
    const refused = refusals(result);
    // Two calls a second, a turn every 525 ms: those at 0, 525 and 1050 ms fit in 1.2 s.
    expect(served.length).toBeGreaterThanOrEqual(2);
    expect(served.length).toBeLessThanOrEqual(3);
    expect(refused).toHaveLength(6 - served.length);
    for (const error of refused) expect(error.extensions!.retryAfter).toBeGreaterThanOrEqual(1);
    await delay(2000);
    expect(sessionCalls(harness.emulator)).toHaveLength(served.length);
  });
});
