import { entitiesDistinctIds } from './scenarios.js';

export interface BenchRow {
  id: string;
  scenario: string;
  server: 'subgraph' | 'pass-through' | 'two replicas';
  cache: 'on' | 'off' | '-';
  providerLatencyMs: number;
  /** 1 means one request at a time. */
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  providerCallsPerRequest: number;
  errors: number;
  completed: number;
  /** CPU time of the server's process per answered request: steadier than req/s on a busy machine. */
  cpuMsPerRequest: number;
  peakRssMb: number;
}

export interface TargetCheck {
  target: string;
  measured: string;
  required: string;
  /** Null when the run did not include the rows the target compares. */
  met: boolean | null;
}

export interface TargetContext {
  providerConcurrency: number;
}

const maxPeakRssMb = 200;

/** The targets are ratios between rows of one run, so a busy machine slows both sides alike. */
export function evaluateTargets(rows: readonly BenchRow[], context: TargetContext): TargetCheck[] {
  const row = (id: string) => rows.find((candidate) => candidate.id === id);
  const checks: TargetCheck[] = [];
  const compare = (target: string, ids: string[], evaluate: (...found: BenchRow[]) => Omit<TargetCheck, 'target'>) => {
    const found = ids.map(row);
    if (found.every((candidate): candidate is BenchRow => candidate !== undefined)) checks.push({ target, ...evaluate(...found) });
    else checks.push({ target, measured: 'not run', required: '', met: null });
  };

  compare('(a) req/s vs pass-through', ['a', 'd-a'], (a, passThrough) => ratio(a!.requestsPerSecond / passThrough!.requestsPerSecond, 0.85));
  compare('(a) p50 above pass-through', ['a', 'd-a'], (a, passThrough) => {
    const gap = a!.p50Ms - passThrough!.p50Ms;
    return { measured: `${gap.toFixed(2)} ms`, required: '≤ 2 ms', met: gap <= 2 };
  });
  // With --latency 0 the (a) rows are themselves the 0 ms rows.
  const zeroIds = row('a')?.providerLatencyMs === 0 ? ['a', 'd-a'] : ['a0', 'd-a0'];
  compare('(a) req/s vs pass-through, 0 ms provider', zeroIds, (a, passThrough) =>
    ratio(a!.requestsPerSecond / passThrough!.requestsPerSecond, 0.5),
  );
  compare('(b) req/s vs pass-through', ['b', 'd-b'], (b, passThrough) => ratio(b!.requestsPerSecond / passThrough!.requestsPerSecond, 1.5));
  compare('(c) provider calls per request, one at a time', ['c1'], (c) => ({
    measured: c!.providerCallsPerRequest.toFixed(3),
    required: `= ${entitiesDistinctIds}`,
    met: c!.providerCallsPerRequest === entitiesDistinctIds,
  }));
  compare('(c) p50 one at a time, in provider round trips', ['c1', 'd1'], (c, roundTrip) => {
    const bound = entitiesDistinctIds / context.providerConcurrency + 1;
    const trips = c!.p50Ms / roundTrip!.p50Ms;
    return { measured: `${trips.toFixed(2)} (${c!.p50Ms.toFixed(1)} ms)`, required: `< ${bound.toFixed(3)}`, met: trips < bound };
  });
  const subgraphRows = rows.filter((candidate) => candidate.server === 'subgraph');
  if (subgraphRows.length > 0) {
    const peak = Math.max(...subgraphRows.map((candidate) => candidate.peakRssMb));
    checks.push({ target: 'subgraph peak RSS', measured: `${peak.toFixed(0)} MB`, required: `< ${maxPeakRssMb} MB`, met: peak < maxPeakRssMb });
  }
  return checks;
}

function ratio(value: number, atLeast: number): Omit<TargetCheck, 'target'> {
  return { measured: `${value.toFixed(2)}×`, required: `≥ ${atLeast}×`, met: value >= atLeast };
}

export function formatRows(rows: readonly BenchRow[]): string {
  return formatTable(
    ['scenario', 'server', 'cache', 'latency', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'calls/req', 'hit ratio', 'errors', 'CPU ms/req', 'peak RSS'],
    rows.map((row) => [
      row.scenario,
      row.server,
      row.cache,
      `${row.providerLatencyMs} ms`,
      row.connections === 1 ? '1 at a time' : String(row.connections),
      row.requestsPerSecond.toFixed(0),
      row.p50Ms.toFixed(2),
      row.p99Ms.toFixed(2),
      row.providerCallsPerRequest.toFixed(3),
      row.cache === 'on' ? `${(cacheHitRatio(row) * 100).toFixed(1)}%` : '-',
      String(row.errors),
      row.cpuMsPerRequest.toFixed(3),
      `${row.peakRssMb.toFixed(0)} MB`,
    ]),
  );
}

/**
 * Share of requests answered without a provider call of their own, in rows of one session
 * per query: from either cache level, or from a call another request had in flight.
 */
export function cacheHitRatio(row: BenchRow): number {
  return Math.max(0, 1 - row.providerCallsPerRequest);
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  return formatTable(
    ['target', 'measured', 'required', 'met'],
    checks.map((check) => [check.target, check.measured, check.required, check.met === null ? '-' : check.met ? 'yes' : 'NO']),
  );
}

function formatTable(header: string[], body: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}
