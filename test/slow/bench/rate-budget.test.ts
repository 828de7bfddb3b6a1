import { describe, expect, it } from 'vitest';
import type { TimedRequest } from './load.js';
import { mostInAnyWindow } from '../../support/busiest-second.js';
import { rateBudgetFigures } from './rate-budget.js';

const context = { variant: 'cache on', providerLatencyMs: 20, offeredPerSecond: 4, durationSeconds: 1, rateLimitPerSecond: 20 };

function served(sessionId: string, dueAt: number, latencyMs: number): TimedRequest {
  return { sessionId, dueAt, latencyMs, ok: true, errorCode: undefined, measured: true };
}

describe('scenario (g) figures', () => {
  it('counts a request as a miss when a call for its session reached the provider while it waited, and as a hit otherwise', () => {
    const figures = rateBudgetFigures(
      {
        requests: [
          served('cs_test_a', 1_000, 25),
          served('cs_test_a', 1_010, 16),
          served('cs_test_a', 1_100, 1),
          { sessionId: 'cs_test_b', dueAt: 1_200, latencyMs: 2, ok: false, errorCode: 'RATE_LIMITED', measured: true },
        ],
        measuredFrom: 1_000,
        measuredUntil: 2_000,
        unanswered: 0,
      },
      [['cs_test_a', 1_002]],
      [900, 1_500],
      context,
    );
    expect(figures).toMatchObject({ servedPerSecond: 3, servedShare: 0.75, refusals: 1, refusalP99Ms: 2, otherErrors: 0, providerCallsPerSecond: 1, rateLimitedCalls: 1, slowestAnswerMs: 25 });
    expect(figures.cacheHitRatio).toBeCloseTo(1 / 3);
  });

  it('counts a request as asking for a known session only when its session was served before the request was due', () => {
    const figures = rateBudgetFigures(
      {
        requests: [
          // Served at 1 025: the request due at 1 010 was still a first ask, the one at 1 100 was not.
          served('cs_test_a', 1_000, 25),
          served('cs_test_a', 1_010, 300),
          served('cs_test_a', 1_100, 4),
          served('cs_test_b', 1_200, 40),
        ],
        measuredFrom: 1_000,
        measuredUntil: 2_000,
        unanswered: 0,
      },
      [],
      [],
      context,
    );
    expect(figures).toMatchObject({ knownP50Ms: 4, knownP99Ms: 4, firstAskP50Ms: 40, firstAskP99Ms: 300 });
  });

  it('finds the busiest one-second window of provider calls, wherever it starts', () => {
    expect(mostInAnyWindow([0, 400, 900, 1_000, 1_300, 1_350, 3_000], 1_000)).toBe(5);
    expect(mostInAnyWindow([], 1_000)).toBe(0);
  });
});
