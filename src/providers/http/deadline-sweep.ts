interface Watched {
  deadline: number;
  expire: () => void;
}

/**
 * One timer for the deadlines of every provider call in flight, rather than a timer and
 * an `AbortController` per call. Every `resolutionMs` it expires the calls whose deadline
 * has passed, whatever phase they are in: queued for a connection, waiting for headers,
 * or reading a body trickled byte by byte (which never trips undici's idle body timeout).
 * The timer runs only while calls are watched.
 */
export class DeadlineSweep {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly resolutionMs = 10,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Calls `expire` once `deadline` (on `performance.now()`'s clock) has passed; the returned function stops watching. */
  watch(deadline: number, expire: () => void): () => void {
    const entry: Watched = { deadline, expire };
    this.watched.add(entry);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.resolutionMs);
      this.timer.unref();
    }
    return () => this.watched.delete(entry);
  }

  private sweep(): void {
    if (this.watched.size === 0) {
      // Stopped only once a whole tick found nothing, so steady traffic keeps one timer.
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const now = this.now();
    for (const entry of this.watched) {
      if (entry.deadline > now) continue;
      this.watched.delete(entry);
      entry.expire();
    }
  }
}
