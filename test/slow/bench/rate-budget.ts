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
 * answered from the cache (a hit).
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
  const measured = run.requests.filter((request) => request.measured);
  const hits: number[] = [];
  const misses: number[] = [];
  for (const request of measured) {
    if (!request.ok) continue;
    const from = request.dueAt - context.providerLatencyMs;
    const until = request.dueAt + request.latencyMs;
    const waited = (callsBySession.get(request.sessionId ?? '') ?? []).some((at) => at >= from && at <= until);
    (waited ? misses : hits).push(request.latencyMs);
  }
  const windowCalls = callTimes.map(([, at]) => at).filter((at) => at >= run.measuredFrom && at < run.measuredUntil);
  const refusals = measured.filter((request) => request.errorCode === 'RATE_LIMITED').length;
  const served = hits.length + misses.length;
  return {
    variant: context.variant,
    offeredPerSecond: context.offeredPerSecond,
    servedPerSecond: served / context.durationSeconds,
    cacheHitRatio: served === 0 ? 0 : hits.length / served,
    providerCallsPerSecond: windowCalls.length / context.durationSeconds,
    maxProviderCallsInOneSecond: mostInAnyWindow(callTimes.map(([, at]) => at), 1000),
    rateLimitedCalls: rateLimitedTimes.filter((at) => at >= run.measuredFrom && at < run.measuredUntil).length,
    rateLimitPerSecond: context.rateLimitPerSecond,
    refusals,
    otherErrors: measured.length - served - refusals + run.unanswered,
    hitP50Ms: percentileOf(hits, 0.5),
    hitP99Ms: percentileOf(hits, 0.99),
    missP50Ms: percentileOf(misses, 0.5),
    missP99Ms: percentileOf(misses, 0.99),
  };
}

/** The most of `times` (ms) that fall within any window of `windowMs`. */
export function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while (sorted[last]! - sorted[first]! >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
