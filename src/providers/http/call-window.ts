export interface WindowTotals {
  calls: number;
  failures: number;
}

interface Slice extends WindowTotals {
  /** Which slice of time, counted from the clock's zero, the counts belong to. */
  index: number;
}

/** The window is kept as this many slices, so counting a call costs the same at any call rate. */
const sliceCount = 10;

/**
 * Counts calls and failures over a sliding window of time. It is kept as ten slices of a
 * tenth of the window each, so a call leaves the count between nine and ten tenths of the
 * window after it was made.
 */
export class CallWindow {
  private readonly slices: Slice[] = Array.from({ length: sliceCount }, emptySlice);
  private readonly sliceMs: number;

  constructor(windowMs: number) {
    this.sliceMs = windowMs / sliceCount;
  }

  /** Counts one call made at `now` and returns the totals of the window that ends there. */
  add(now: number, failed: boolean): WindowTotals {
    const current = Math.floor(now / this.sliceMs);
    const slice = this.slices[current % sliceCount]!;
    if (slice.index !== current) Object.assign(slice, emptySlice(), { index: current });
    slice.calls += 1;
    if (failed) slice.failures += 1;
    const totals = { calls: 0, failures: 0 };
    for (const { index, calls, failures } of this.slices) {
      if (index > current - sliceCount) {
        totals.calls += calls;
        totals.failures += failures;
      }
    }
    return totals;
  }

  clear(): void {
    for (const slice of this.slices) Object.assign(slice, emptySlice());
  }
}

function emptySlice(): Slice {
  return { index: Number.NEGATIVE_INFINITY, calls: 0, failures: 0 };
}
