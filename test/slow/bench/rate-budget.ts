import { mostInAnyWindow } from '../../support/busiest-second.js';
import { percentileOf, type OpenLoopResult } from './load.js';
import type { RateBudgetFigures } from './report.js';

export interface RateBudgetContext {
  variant: string;
  providerLatencyMs: number;
  offeredPerSecond: number;
  durationSeconds: number;
  rateLimitPerSecond: number;
}

/**
 * Scenario (g)'s figures from the open loop's requests and the times the provider got its
 * session calls (`[session id, ms since the epoch]`). A request waited for the provider (a
 * miss) when a call for its session arrived from one provider round trip before it was due
 * until it was answered: it made that call or shared it. Every other served request was
 * answered from the cache (a hit). A request's session was known when a request of the
 * run (the warm-up's included) had been served it before this one was due; otherwise the
 * request was a first ask.
 */
export function rateBudgetFigures(
  run: OpenLoopResult,
  callTimes: ReadonlyArray<[string, number]>,
  rateLimitedTimes: readonly number[],
  context: RateBudgetContext,
): RateBudgetFigures {
  const callsBySession = new Map<string, number[]>();
  for (const [sessionId, at] of callTimes) {
    const times = callsBySession.get(sessionId) ?? [];
    times.push(at);
    callsBySession.set(sessionId, times);
  }
  const firstServedAt = new Map<string, number>();
  for (const request of run.requests) {
    if (!request.ok || request.sessionId === undefined) continue;
    const servedAt = request.dueAt + request.latencyMs;
    firstServedAt.set(request.sessionId, Math.min(servedAt, firstServedAt.get(request.sessionId) ?? Number.POSITIVE_INFINITY));
  }
  const measured = run.requests.filter((request) => request.measured);
  let hits = 0;
  const known: number[] = [];
  const firstAsks: number[] = [];
  const refusals: number[] = [];
  for (const request of measured) {
    if (request.errorCode === 'RATE_LIMITED') refusals.push(request.latencyMs);
    if (!request.ok) continue;
    const from = request.dueAt - context.providerLatencyMs;
    const until = request.dueAt + request.latencyMs;
    const waited = (callsBySession.get(request.sessionId ?? '') ?? []).some((at) => at >= from && at <= until);
    if (!waited) hits += 1;
    const wasKnown = (firstServedAt.get(request.sessionId ?? '') ?? Number.POSITIVE_INFINITY) < request.dueAt;
    (wasKnown ? known : firstAsks).push(request.latencyMs);
  }
  const windowCalls = callTimes.map(([, at]) => at).filter((at) => at >= run.measuredFrom && at < run.measuredUntil);
  const served = known.length + firstAsks.length;
  const due = measured.length + run.unanswered;
  return {
    variant: context.variant,
    offeredPerSecond: context.offeredPerSecond,
    servedPerSecond: served / context.durationSeconds,
    servedShare: due === 0 ? 0 : served / due,
    cacheHitRatio: served === 0 ? 0 : hits / served,
    providerCallsPerSecond: windowCalls.length / context.durationSeconds,
    maxProviderCallsInOneSecond: mostInAnyWindow(callTimes.map(([, at]) => at), 1000),
    rateLimitedCalls: rateLimitedTimes.filter((at) => at >= run.measuredFrom && at < run.measuredUntil).length,
    rateLimitPerSecond: context.rateLimitPerSecond,
    refusals: refusals.length,
    refusalP99Ms: percentileOf(refusals, 0.99),
    otherErrors: measured.length - served - refusals.length + run.unanswered,
    slowestAnswerMs: Math.max(0, ...measured.map((request) => request.latencyMs)),
    knownP50Ms: percentileOf(known, 0.5),
    knownP99Ms: percentileOf(known, 0.99),
    firstAskP50Ms: percentileOf(firstAsks, 0.5),
    firstAskP99Ms: percentileOf(firstAsks, 0.99),
  };
}
