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

/** The most of `times` (ms) within any one second: what a provider's per-second limit counts. */
export function busiestSecond(times: readonly number[]): number {
  return mostInAnyWindow(times, 1000);
}
