import { entitiesDistinctIds } from './scenarios.js';

export interface BenchRow {
  id: string;
  scenario: string;
  server: 'subgraph' | 'pass-through' | 'two replicas';
  cache: 'on' | 'off' | '-';
  providerLatencyMs: number;
  /** Closed loop: 1 means one request at a time. Open loop: 0, see `offeredPerSecond`. */
  connections: number;
  /** Open loop only: requests sent per second on a fixed schedule, whatever the answers do. */
  offeredPerSecond?: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  providerCallsPerRequest: number;
  errors: number;
  completed: number;
  /** CPU time of the server's process per answered request: steadier than req/s on a busy machine. */
  cpuMsPerRequest: number;
  peakRssMb: number;
  /** Scenario (g) only. */
  rateBudget?: RateBudgetFigures;
  /** Scenario (g)'s flood only. */
  flood?: FloodFigures;
}

/** How a subgraph serves a surge of many times the provider's rate budget (scenario (g)). */
export interface RateBudgetFigures {
  variant: string;
  offeredPerSecond: number;
  /** Answered without an error, per second of the measured time. */
  servedPerSecond: number;
  /** Share of the measured requests answered without an error. */
  servedShare: number;
  /** Share of the served requests answered without waiting for a provider call. */
  cacheHitRatio: number;
  providerCallsPerSecond: number;
  /** Most session calls the provider got in any one second (a sliding window). */
  maxProviderCallsInOneSecond: number;
  /** The client-side rate limit of the session endpoint the subgraph ran with. */
  rateLimitPerSecond: number;
  /** Session calls of the measured time the provider answered 429, over Stripe's limits as the emulator enforces them. */
  rateLimitedCalls: number;
  /** `RATE_LIMITED`: refused at once because the turn would come too late, or still answered 429 after retries. */
  refusals: number;
  /** How long a refusal took to leave, from when its request was due. */
  refusalP99Ms: number;
  /** Any other error, and requests not answered before the benchmark stopped waiting. */
  otherErrors: number;
  /** The longest any measured request waited for its answer, served or refused. */
  slowestAnswerMs: number;
  /** Requests for a session the run had served before (answered from a copy when need be). */
  knownP50Ms: number;
  knownP99Ms: number;
  /** Requests for a session not served before: no copy anywhere. */
  firstAskP50Ms: number;
  firstAskP99Ms: number;
}

/** A single-session read while one client floods the queue (scenario (g)'s fair-share line). */
export interface FloodFigures {
  /** Concurrent requests of the flood, each asking for `idsPerRequest` sessions nobody asked for. */
  floodRequests: number;
  idsPerRequest: number;
  /** The endpoint's budget, calls per second. */
  budgetPerSecond: number;
  probes: number;
  probesServed: number;
  probeP50Ms: number;
  probeMaxMs: number;
  floodAnswers: number;
  /** Provider calls per second while the flood ran. */
  providerCallsPerSecond: number;
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
const maxCpuRatioAtZeroLatency = 3;
/** The latency the subgraph may add to the pass-through's at ordinary load, scenario (f). */
const maxAddedP50Ms = 1;
const maxAddedP99Ms = 5;
/** Stripe's documented limit per endpoint, in live and test mode alike: the budget scenario (g) must stay within. */
const providerEndpointLimitPerSecond = 25;
/** `PROVIDER_QUEUE_TIMEOUT_MS`'s default, as docs/configuration.md gives it. */
const queueBoundMs = 5_000;
const maxRefusalMs = 100;
const maxKnownSessionMs = 1_000;
const minServedShare = 0.9;
/** "At most about": the fair-share bound, give or take a fifth. */
const fairShareSlack = 1.2;

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
  compare('(a) CPU per request vs pass-through, 0 ms provider', zeroIds, (a, passThrough) => {
    const times = a!.cpuMsPerRequest / passThrough!.cpuMsPerRequest;
    return { measured: `${times.toFixed(2)}× (${a!.cpuMsPerRequest.toFixed(3)} vs ${passThrough!.cpuMsPerRequest.toFixed(3)} ms)`, required: `≤ ${maxCpuRatioAtZeroLatency}×`, met: times <= maxCpuRatioAtZeroLatency };
  });
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
  compare('(f) p50 added at 200 req/s', ['f', 'd-f'], (f, passThrough) => added(f!.p50Ms - passThrough!.p50Ms, maxAddedP50Ms));
  compare('(f) p99 added at 200 req/s', ['f', 'd-f'], (f, passThrough) => added(f!.p99Ms - passThrough!.p99Ms, maxAddedP99Ms));
  for (const budgetRow of rows.filter((candidate) => candidate.rateBudget)) {
    const budget = budgetRow.rateBudget!;
    const roundTripMs = budgetRow.providerLatencyMs;
    checks.push(
      {
        target: `(g) provider calls in any one second, ${budget.variant}`,
        measured: `${budget.maxProviderCallsInOneSecond} (mean ${budget.providerCallsPerSecond.toFixed(1)}/s, limit ${budget.rateLimitPerSecond}/s)`,
        required: `≤ ${providerEndpointLimitPerSecond} (Stripe, per endpoint)`,
        met: budget.maxProviderCallsInOneSecond <= providerEndpointLimitPerSecond,
      },
      { target: `(g) 429s from the provider, ${budget.variant}`, measured: String(budget.rateLimitedCalls), required: '0', met: budget.rateLimitedCalls === 0 },
      {
        target: `(g) slowest answer, ${budget.variant}`,
        measured: `${budget.slowestAnswerMs.toFixed(0)} ms`,
        required: `≤ ${queueBoundMs + roundTripMs} ms (queue bound + a round trip)`,
        met: budget.slowestAnswerMs <= queueBoundMs + roundTripMs,
      },
      {
        target: `(g) refusals' p99, ${budget.variant}`,
        measured: budget.refusals === 0 ? 'none refused' : `${budget.refusalP99Ms.toFixed(1)} ms`,
        required: `≤ ${maxRefusalMs} ms`,
        met: budget.refusals === 0 || budget.refusalP99Ms <= maxRefusalMs,
      },
      {
        target: `(g) known sessions' p99, ${budget.variant}`,
        measured: `${budget.knownP99Ms.toFixed(0)} ms`,
        required: `≤ ${maxKnownSessionMs} ms`,
        met: budget.knownP99Ms <= maxKnownSessionMs,
      },
      {
        target: `(g) surge requests served, ${budget.variant}`,
        measured: `${(budget.servedShare * 100).toFixed(1)}%`,
        required: `≥ ${minServedShare * 100}%`,
        met: budget.servedShare >= minServedShare,
      },
    );
  }
  for (const floodRow of rows.filter((candidate) => candidate.flood)) {
    const flood = floodRow.flood!;
    const boundMs = ((flood.floodRequests + 1) / flood.budgetPerSecond) * 1000;
    const allowedMs = boundMs * fairShareSlack + floodRow.providerLatencyMs;
    checks.push({
      target: `(g) single-session read under a flood of ${flood.floodRequests} requests, slowest`,
      measured: `${flood.probeMaxMs.toFixed(0)} ms (p50 ${flood.probeP50Ms.toFixed(0)}, ${flood.probesServed}/${flood.probes} served)`,
      required: `≤ about (N + 1) / budget = ${boundMs.toFixed(0)} ms (${allowedMs.toFixed(0)})`,
      met: flood.probesServed === flood.probes && flood.probeMaxMs <= allowedMs,
    });
  }
  const subgraphRows = rows.filter((candidate) => candidate.server === 'subgraph');
  if (subgraphRows.length > 0) {
    const peak = Math.max(...subgraphRows.map((candidate) => candidate.peakRssMb));
    checks.push({ target: 'subgraph peak RSS', measured: `${peak.toFixed(0)} MB`, required: `< ${maxPeakRssMb} MB`, met: peak < maxPeakRssMb });
  }
  return checks;
}

function added(gapMs: number, atMostMs: number): Omit<TargetCheck, 'target'> {
  return { measured: `${gapMs.toFixed(2)} ms`, required: `≤ ${atMostMs} ms`, met: gapMs <= atMostMs };
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
      row.offeredPerSecond !== undefined ? `open ${row.offeredPerSecond}/s` : row.connections === 1 ? '1 at a time' : String(row.connections),
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

/** Scenario (g)'s own figures, one line per variant, and the flood's line. */
export function formatRateBudgets(rows: readonly BenchRow[]): string {
  const budgets = rows.flatMap((row) => (row.rateBudget ? [row.rateBudget] : []));
  const floods = rows.flatMap((row) => (row.flood ? [row.flood] : []));
  const tables: string[] = [];
  if (budgets.length > 0) {
    tables.push(
      formatTable(
        ['(g) variant', 'offered/s', 'served', 'hit ratio', 'calls/s', 'max in 1 s', 'limit/s', '429s', 'refused', 'refusal p99 ms', 'other errors', 'slowest ms', 'known p50/p99 ms', 'first ask p50/p99 ms'],
        budgets.map((budget) => [
          budget.variant,
          budget.offeredPerSecond.toFixed(0),
          `${(budget.servedShare * 100).toFixed(1)}%`,
          budget.cacheHitRatio.toFixed(3),
          budget.providerCallsPerSecond.toFixed(1),
          String(budget.maxProviderCallsInOneSecond),
          String(budget.rateLimitPerSecond),
          String(budget.rateLimitedCalls),
          String(budget.refusals),
          budget.refusals === 0 ? '-' : budget.refusalP99Ms.toFixed(1),
          String(budget.otherErrors),
          budget.slowestAnswerMs.toFixed(0),
          `${budget.knownP50Ms.toFixed(1)} / ${budget.knownP99Ms.toFixed(1)}`,
          `${budget.firstAskP50Ms.toFixed(0)} / ${budget.firstAskP99Ms.toFixed(0)}`,
        ]),
      ),
    );
  }
  if (floods.length > 0) {
    tables.push(
      formatTable(
        ['(g) flood', 'budget/s', 'flood answers', 'calls/s', 'reads served', 'read p50 ms', 'read max ms'],
        floods.map((flood) => [
          `${flood.floodRequests} requests of ${flood.idsPerRequest} unknown ids`,
          String(flood.budgetPerSecond),
          String(flood.floodAnswers),
          flood.providerCallsPerSecond.toFixed(1),
          `${flood.probesServed}/${flood.probes}`,
          flood.probeP50Ms.toFixed(0),
          flood.probeMaxMs.toFixed(0),
        ]),
      ),
    );
  }
  return tables.join('\n\n');
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
