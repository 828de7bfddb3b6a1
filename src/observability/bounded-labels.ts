/**
 * Label values taken from what clients send (operation names, error codes), kept to a
 * bounded set: a value must look like a GraphQL name, and once `capacity` distinct ones
 * have been seen every new one is counted as `overflow`. So a client inventing names can
 * never grow the metrics without bound.
 */
export class BoundedLabels {
  private readonly seen = new Set<string>();

  constructor(
    private readonly capacity: number,
    private readonly overflow: string,
    private readonly pattern = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
  ) {}

  labelFor(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.capacity || !this.pattern.test(value)) return this.overflow;
    this.seen.add(value);
    return value;
  }
}
