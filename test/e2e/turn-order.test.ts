import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderEmulator } from '../../src/emulator/server.js';
import { startHarness, type Harness } from '../support/harness.js';
import { callsFor, putOpenSessions } from '../support/open-sessions.js';
import { deliverStripeSessionEvent } from '../support/webhook-signing.js';

const entitiesQuery = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }`;
const sessionQuery = `query ($id: ID!) { checkoutSession(id: $id) { id fetchedAt amountTotal { amount } } }`;
const webhookSecret = 'whsec_turnOrder42';

/** Where each call for the session came in the emulator's log of calls. */
const callIndexes = (emulator: ProviderEmulator, id: string) =>
  emulator.calls.flatMap((call, index) => (call.path.split('?')[0]!.endsWith(`/${id}`) ? [index] : []));

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await delay(10);
}

describe('turns under a busy budget', () => {
  let harness: Harness;
  // Two calls a second against the emulator's enforced limits; open sessions kept 200 ms, then as copies.
  beforeAll(async () => {
    harness = await startHarness(
      { PROVIDER_RATE_LIMIT: '2', PROVIDER_GLOBAL_RATE_LIMIT: '2', CACHE: 'on', CACHE_OPEN_TTL_MS: '200', STRIPE_WEBHOOK_SECRET: webhookSecret },
      { stripeRateLimits: 'documented' },
    );
  });
  afterAll(() => harness?.close());
  const askFor = (ids: string[]) =>
    harness.query<{ _entities: Array<{ id: string } | null> }>(entitiesQuery, { representations: ids.map((id) => ({ __typename: 'CheckoutSession', id })) });

  it('go round the waiting requests: a request for one session is not starved by one asking for many', async () => {
    const many = putOpenSessions(harness.emulator, 'turnOrder', 8);
    const [one] = putOpenSessions(harness.emulator, 'turnOrder', 1);
    const state = { manyDone: false };
    const manyAnswer = askFor(many).finally(() => {
      state.manyDone = true;
    });
    await until(() => callsFor(harness.emulator, many[0]!) === 1);
    const oneAnswer = await askFor([one!]);
    expect(oneAnswer.data?._entities).toEqual([{ id: one }]);
    // Its turn came after at most the turn already held and the next of the big request's.
    expect(state.manyDone).toBe(false);
    expect(many.filter((id) => callsFor(harness.emulator, id) > 0).length).toBeLessThanOrEqual(3);
    expect((await manyAnswer).data?._entities).toHaveLength(8);
  });

  it('serve first asks before refreshes of sessions already served', async () => {
    const [known] = putOpenSessions(harness.emulator, 'turnOrder', 1);
    expect((await harness.query(sessionQuery, { id: known })).errors).toBeUndefined();
    await delay(300); // past its 200 ms age: only a copy is left
    const flood = putOpenSessions(harness.emulator, 'turnOrder', 4);
    const floodAnswer = askFor(flood);
    await until(() => callsFor(harness.emulator, flood[0]!) === 1);
    // Answered from its copy; its refresh waits in the queue.
    const refreshed = await harness.query(sessionQuery, { id: known });
    expect(refreshed.headers['cache-control']).toBe('no-store');
    const [firstAsk] = putOpenSessions(harness.emulator, 'turnOrder', 1);
    const firstAskAnswer = await askFor([firstAsk!]);
    expect(firstAskAnswer.data?._entities).toEqual([{ id: firstAsk }]);
    await floodAnswer;
    await until(() => callsFor(harness.emulator, known!) === 2);
    const [firstAskCall] = callIndexes(harness.emulator, firstAsk!);
    const refreshCall = callIndexes(harness.emulator, known!)[1]!;
    expect(firstAskCall).toBeLessThan(refreshCall);
    for (const id of flood) expect(callIndexes(harness.emulator, id)[0]).toBeLessThan(refreshCall);
  });

  it('serve a refetch after a webhook before refreshes of sessions already served', async () => {
    const [refreshed, changed] = putOpenSessions(harness.emulator, 'turnOrder', 2);
    for (const id of [refreshed, changed]) expect((await harness.query(sessionQuery, { id })).errors).toBeUndefined();
    await delay(300); // past their 200 ms age: only copies are left
    const flood = putOpenSessions(harness.emulator, 'turnOrder', 4);
    const floodAnswer = askFor(flood);
    await until(() => callsFor(harness.emulator, flood[0]!) === 1);
    // Answered from its copy; its refresh waits in the queue.
    expect((await harness.query(sessionQuery, { id: refreshed })).headers['cache-control']).toBe('no-store');
    const changedSession = { id: changed!, object: 'checkout.session', status: 'open', currency: 'usd', amount_total: 700 };
    harness.emulator.putStripeSession(changedSession);
    expect(await deliverStripeSessionEvent(harness.subgraph.url, webhookSecret, changedSession, 'checkout.session.async_payment_failed')).toBe(200);
    // The webhook evicted its copy: the read waits for the refetch, queued after the refresh.
    const afterWebhook = await harness.query<{ checkoutSession: { amountTotal: { amount: number } } }>(sessionQuery, { id: changed });
    expect(afterWebhook.data?.checkoutSession.amountTotal.amount).toBe(700);
    await floodAnswer;
    await until(() => callsFor(harness.emulator, refreshed!) === 2);
    const refetchCall = callIndexes(harness.emulator, changed!)[1]!;
    const refreshCall = callIndexes(harness.emulator, refreshed!)[1]!;
    expect(refetchCall).toBeLessThan(refreshCall);
    for (const id of flood) expect(callIndexes(harness.emulator, id)[0]).toBeLessThan(refetchCall);
  });
});
