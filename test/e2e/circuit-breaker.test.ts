import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  convergeGateCompletedId,
  convergeGateExpiredId,
  convergeGatePendingId,
  convergeGateRefundedId,
} from '../../src/providers/convergegate/emulator/sessions.js';
import { ProviderEmulator } from '../../src/emulator/server.js';
import { startHarness, useHarness, type GraphQLResult, type Harness } from '../support/harness.js';

const entitiesQuery = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`;
/** Retries as by default (two), with short pauses so the suite stays quick. */
const quickRetries = { PROVIDER_RETRY_BASE_DELAY_MS: '5', PROVIDER_RETRY_MAX_DELAY_MS: '20' };
const stripeSessionPath = (id: string) => `/v1/checkout/sessions/${id}`;

function stripeIds(label: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `cs_test_${label}${String(index).padStart(4, '0')}`);
}

function putStripeSessions(harness: Harness, ids: string[]): void {
  for (const id of ids) harness.emulator.putStripeSession({ id, object: 'checkout.session', status: 'complete' });
}

function askForEntities(harness: Harness, ids: string[]): Promise<GraphQLResult> {
  return harness.query(entitiesQuery, { representations: ids.map((id) => ({ __typename: 'CheckoutSession', id })) });
}

function errorCodes(result: GraphQLResult): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}

describe('the circuit breaker on a quiet replica', () => {
  const harness = useHarness(quickRetries);
  const brokenIds = stripeIds('broken', 5);
  const healthyIds = stripeIds('healthy', 40);

  beforeAll(() => putStripeSessions(harness, [...brokenIds, ...healthyIds]));
  beforeEach(() => {
    for (const id of brokenIds) harness.emulator.injectFault(id, { kind: 'status', status: 503 });
  });

  it('keeps serving healthy sessions after five broken sessions were each asked for twice', async () => {
    for (let round = 0; round < 2; round += 1) {
      const broken = await askForEntities(harness, brokenIds);
      expect(errorCodes(broken)).toEqual(brokenIds.map(() => 'PROVIDER_UNAVAILABLE'));
    }

    const [batchIds, singleIds] = [healthyIds.slice(0, 20), healthyIds.slice(20)];
    const [batch, ...singles] = await Promise.all([
      askForEntities(harness, [...batchIds.slice(0, 10), brokenIds[0]!, ...batchIds.slice(10)]),
      ...singleIds.map((id) => harness.query(`{ checkoutSession(id: "${id}") { id } }`)),
    ]);

    const entities = batch.data?._entities as Array<{ id: string } | null>;
    expect(entities.filter((entity) => entity !== null)).toEqual(batchIds.map((id) => ({ id })));
    expect(errorCodes(batch)).toEqual(['PROVIDER_UNAVAILABLE']);
    expect(singles.map((single) => single.data?.checkoutSession)).toEqual(singleIds.map((id) => ({ id })));
    // The broken session in the batch was still asked for, three attempts as usual: nothing failed fast.
    expect(harness.emulator.countCalls(stripeSessionPath(brokenIds[0]!))).toBe(2 * 3 + 3);
  });

  it('stays closed: a broken session is still asked for, and healthy ones still arrive', async () => {
    const result = await askForEntities(harness, [brokenIds[1]!, healthyIds[0]!]);
    expect(result.data?._entities).toEqual([null, { id: healthyIds[0] }]);
    expect(harness.emulator.countCalls(stripeSessionPath(brokenIds[1]!))).toBe(3);
  });
});

describe('the circuit breaker in a provider-wide outage', () => {
  const cooldownMs = 1_000;
  const harness = useHarness({ ...quickRetries, PROVIDER_BREAKER_COOLDOWN_MS: String(cooldownMs) });
  const ids = stripeIds('outage', 60);
  const laterIds = stripeIds('later', 20);

  beforeAll(() => putStripeSessions(harness, [...ids, ...laterIds]));

  it('opens after 60 failed sessions, fails fast without calling the provider, and recovers after the cool-down and three probes', async () => {
    harness.emulator.injectFaultForShare(1, { kind: 'status', status: 503 });
    const outage = await askForEntities(harness, ids);
    expect(errorCodes(outage)).toEqual(ids.map(() => 'PROVIDER_UNAVAILABLE'));

    harness.emulator.resetCalls();
    const failingFast = await askForEntities(harness, laterIds);
    expect(errorCodes(failingFast)).toEqual(laterIds.map(() => 'PROVIDER_UNAVAILABLE'));
    expect(failingFast.errors?.[0]?.extensions?.retryAfter).toBe(1);
    expect(harness.emulator.countCalls()).toBe(0);

    harness.emulator.clearFaults();
    await sleep(cooldownMs);
    const probes = await askForEntities(harness, laterIds.slice(0, 3));
    expect(probes.errors).toBeUndefined();
    expect(probes.data?._entities).toEqual(laterIds.slice(0, 3).map((id) => ({ id })));

    harness.emulator.resetCalls();
    const recovered = await askForEntities(harness, ids);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data?._entities).toEqual(ids.map((id) => ({ id })));
    expect(harness.emulator.countCalls()).toBe(ids.length);
  });

  it('turns a fourth call away while three probes are out, and opens again when a probe fails', async () => {
    harness.emulator.injectFaultForShare(1, { kind: 'status', status: 503 });
    await askForEntities(harness, ids);
    harness.emulator.clearFaults();
    await sleep(cooldownMs);

    // One probe meets the provider failing again; the circuit opens for another cool-down.
    harness.emulator.injectFault(laterIds[0]!, { kind: 'status', status: 503 }, { times: 3 });
    harness.emulator.injectFault(laterIds[1]!, { kind: 'delay', ms: 200 });
    harness.emulator.injectFault(laterIds[2]!, { kind: 'delay', ms: 200 });
    harness.emulator.resetCalls();
    const halfOpen = await askForEntities(harness, laterIds.slice(0, 4));
    const entities = halfOpen.data?._entities as Array<{ id: string } | null>;
    expect(entities[0]).toBeNull();
    expect(entities[3]).toBeNull();
    expect(errorCodes(halfOpen)).toEqual(['PROVIDER_UNAVAILABLE', 'PROVIDER_UNAVAILABLE']);
    expect(harness.emulator.countCalls(stripeSessionPath(laterIds[3]!))).toBe(0);

    harness.emulator.resetCalls();
    const reopened = await askForEntities(harness, laterIds.slice(4, 8));
    expect(errorCodes(reopened)).toEqual(laterIds.slice(4, 8).map(() => 'PROVIDER_UNAVAILABLE'));
    expect(harness.emulator.countCalls()).toBe(0);

    await sleep(cooldownMs);
    const probes = await askForEntities(harness, laterIds.slice(4, 7));
    expect(probes.errors).toBeUndefined();
  });
});

describe('the circuit breaker, one per provider', () => {
  let harness: Harness;
  let convergeGate: ProviderEmulator;
  const stripeOutageIds = stripeIds('stripedown', 60);
  const convergeGateIds = [convergeGatePendingId, convergeGateCompletedId, convergeGateRefundedId, convergeGateExpiredId];

  beforeAll(async () => {
    convergeGate = await ProviderEmulator.start();
    harness = await startHarness({
      ...quickRetries,
      CONVERGEGATE_SECRET_KEY: convergeGate.convergeGateSecretKey,
      CONVERGEGATE_API_URL: convergeGate.convergeGateUrl,
    });
    putStripeSessions(harness, stripeOutageIds);
  });
  afterAll(async () => {
    await harness.close();
    await convergeGate.close();
  });

  it('keeps serving Converge Gate sessions while an outage at Stripe has opened Stripe’s circuit', async () => {
    harness.emulator.injectFaultForShare(1, { kind: 'status', status: 503 });
    await askForEntities(harness, stripeOutageIds);

    harness.emulator.resetCalls();
    const mixed = await askForEntities(harness, [stripeOutageIds[0]!, ...convergeGateIds]);
    expect(mixed.data?._entities).toEqual([null, ...convergeGateIds.map((id) => ({ id }))]);
    expect(errorCodes(mixed)).toEqual(['PROVIDER_UNAVAILABLE']);
    // Stripe failed fast; Converge Gate was asked for every session.
    expect(harness.emulator.countCalls()).toBe(0);
    expect(convergeGate.countCalls('/convergegate/v1/checkout/sessions/')).toBe(convergeGateIds.length);
  });
});
