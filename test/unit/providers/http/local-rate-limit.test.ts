import { describe, expect, it } from 'vitest';
import { LocalRateLimit } from '../../../../src/providers/http/local-rate-limit.js';
import { busiestSecond } from '../../../support/busiest-second.js';

const sessions = '/v1/checkout/sessions/{id}';
const refunds = '/v1/refunds';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function budgets(globalPerSecond: number | undefined, endpoints: Record<string, number>, now: () => number) {
  const limit = new LocalRateLimit({ globalPerSecond, endpointPerSecond: new Map(Object.entries(endpoints)) }, now);
  return { limit, rates: { get: (budget: string) => limit.currentRates().get(budget) } };
}

/** Most of `times` within any one second (a window closed at its start, open at its end). */
describe('the budgets of one provider account, in one process', () => {
  it('spaces calls evenly with no burst: at 20/s one every 52.5 ms, the first at once', () => {
    const time = clock();
    const { limit } = budgets(undefined, { [sessions]: 20 }, time.now);
    expect(Array.from({ length: 5 }, () => limit.reserve(sessions, 10_000))).toEqual([0, 52.5, 105, 157.5, 210]);
  });

  it('never lets a one-second window hold more calls than a budget, the global one included', () => {
    const time = clock();
    const { limit } = budgets(30, { [sessions]: 20, [refunds]: 20 }, time.now);
    const sent: Record<string, number[]> = { [sessions]: [], [refunds]: [] };
    for (let call = 0; call < 300; call += 1) {
      const endpoint = call % 3 === 0 ? refunds : sessions;
      sent[endpoint]!.push(time.now() + limit.reserve(endpoint, 60_000)!);
      if (call % 7 === 0) time.advance(5);
    }
    expect(busiestSecond(sent[sessions]!)).toBeLessThanOrEqual(20);
    expect(busiestSecond(sent[refunds]!)).toBeLessThanOrEqual(20);
    expect(busiestSecond([...sent[sessions]!, ...sent[refunds]!])).toBeLessThanOrEqual(30);
  });

  it('keeps a call to an endpoint without a budget of its own to the global budget only', () => {
    const time = clock();
    const { limit } = budgets(10, { [sessions]: 20 }, time.now);
    expect([limit.reserve('/v1/other', 10_000), limit.reserve('/v1/other', 10_000)]).toEqual([0, 105]);
  });

  it('refuses a call at once, reserving nothing, when its turn is further out than the caller will wait', () => {
    const time = clock();
    const { limit } = budgets(undefined, { [sessions]: 10 }, time.now);
    expect([limit.reserve(sessions, 250), limit.reserve(sessions, 250), limit.reserve(sessions, 250)]).toEqual([0, 105, 210]);
    expect(limit.reserve(sessions, 250)).toBeUndefined();
    expect(limit.currentWaitMs(sessions)).toBe(315);
    time.advance(105);
    expect(limit.reserve(sessions, 250)).toBe(210);
  });

  it('halves the budget a 429 names at once, and only that one; a second 429 within the second slows nothing more', async () => {
    const time = clock();
    const { limit, rates } = budgets(80, { [sessions]: 20, [refunds]: 20 }, time.now);
    await limit.slowDown('endpoint', sessions);
    expect(rates.get(sessions)).toBe(10);
    expect(rates.get(refunds)).toBe(20);
    expect(rates.get('global')).toBe(80);
    // At 10/s, one every 105 ms.
    expect([limit.reserve(sessions, 10_000), limit.reserve(sessions, 10_000)]).toEqual([105, 210]);
    time.advance(500);
    await limit.slowDown('endpoint', sessions);
    // Half a second of recovery at a tenth of 20 a second, and nothing taken off.
    expect(rates.get(sessions)).toBe(11);
    time.advance(600);
    await limit.slowDown('global', sessions);
    expect(rates.get('global')).toBe(40);
  });

  it('recovers gradually, a tenth of the budget each second, back to the full budget', async () => {
    const time = clock();
    const { limit, rates } = budgets(undefined, { [sessions]: 20 }, time.now);
    await limit.slowDown('endpoint', sessions);
    time.advance(2_000);
    expect(rates.get(sessions)).toBe(14);
    time.advance(10_000);
    expect(rates.get(sessions)).toBe(20);
  });

  it('goes no slower than one call a second however many 429s come', async () => {
    const time = clock();
    const { limit, rates } = budgets(undefined, { [sessions]: 2 }, time.now);
    for (let slowdown = 0; slowdown < 10; slowdown += 1) {
      time.advance(1_000);
      await limit.slowDown('endpoint', sessions);
    }
    expect(rates.get(sessions)).toBe(1);
  });

  it('lets a slowdown overtake turns already given, so queued calls go again at the slower pace', async () => {
    const time = clock();
    const { limit } = budgets(80, { [sessions]: 20, [refunds]: 20 }, time.now);
    const queued = await limit.nextTurn(sessions, 10_000);
    const otherEndpoint = await limit.nextTurn(refunds, 10_000);
    expect(queued.overtaken()).toBe(false);
    await limit.slowDown('endpoint', sessions);
    expect(queued.overtaken()).toBe(true);
    expect(otherEndpoint.overtaken()).toBe(false);
  });

  it('slows the global budget for a 429 naming an endpoint that has no budget of its own', async () => {
    const time = clock();
    const { limit, rates } = budgets(20, {}, time.now);
    await limit.slowDown('endpoint', sessions);
    expect(rates.get('global')).toBe(10);
  });
});
