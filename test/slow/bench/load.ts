import autocannon from 'autocannon';
import { Client, Pool } from 'undici';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The session asked for, when it is one: lets the benchmark tell cache hits from misses. */
  sessionId?: string;
}

export interface Load {
  /** Builds the next request; called once per request sent. */
  next(): LoadRequest;
  /** GraphQL answers 200 with `errors`: count those as failures too. */
  graphql: boolean;
}

export interface LoadResult {
  /** Requests answered within the time. */
  completed: number;
  /** Requests sent (under load, the last few may still be in flight when time is up). */
  sent: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Transport errors, timeouts, non-2xx answers and GraphQL errors. */
  errors: number;
}

/**
 * `connections` clients sending back to back for `durationSeconds`, with autocannon; with
 * `overallRate`, together no more than that many requests per second.
 */
export async function driveConcurrently(
  url: string,
  load: Load,
  connections: number,
  durationSeconds: number,
  overallRate?: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failedAnswers = 0;
  const startedAt = performance.now();
  const options: autocannon.Options = {
    url,
    connections,
    duration: durationSeconds,
    pipelining: 1,
    timeout: 10,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        setupRequest: (request) => ({ ...request, ...load.next() }),
        ...(load.graphql ? { onResponse: (_status: number, body: string) => void (body.includes('"errors"') && failedAnswers++) } : {}),
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) failedAnswers += 1;
    });
  });
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  return summarize(latencies, result.requests.sent, elapsedSeconds, failedAnswers + result.errors + result.timeouts);
}

/**
 * One request at a time for `durationSeconds`. The last request is always awaited, so
 * every request sent is answered and counts per request are exact.
 */
export async function driveOneAtATime(url: string, load: Load, durationSeconds: number): Promise<LoadResult> {
  const target = new URL(url);
  const client = new Client(target.origin, { pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const startedAt = performance.now();
  const deadline = startedAt + durationSeconds * 1000;
  try {
    while (performance.now() < deadline) {
      const request = load.next();
      const sentAt = performance.now();
      try {
        const response = await client.request({ ...request, path: request.path });
        const text = await response.body.text();
        latencies.push(performance.now() - sentAt);
        if (response.statusCode < 200 || response.statusCode >= 300 || (load.graphql && text.includes('"errors"'))) errors += 1;
      } catch {
        latencies.push(performance.now() - sentAt);
        errors += 1;
      }
    }
  } finally {
    await client.close();
  }
  return summarize(latencies, latencies.length, (performance.now() - startedAt) / 1000, errors);
}

/** One request of an open-loop run, timed from when it was due, whenever it was actually sent. */
export interface TimedRequest {
  sessionId: string | undefined;
  /** Milliseconds since the epoch. */
  dueAt: number;
  latencyMs: number;
  /** Answered 2xx with no GraphQL error. */
  ok: boolean;
  /** The first GraphQL error's `extensions.code`, or `HTTP <status>` / `transport`. */
  errorCode: string | undefined;
  /** Due after the warm-up. */
  measured: boolean;
}

export interface OpenLoopOptions {
  ratePerSecond: number;
  /** The rate of the warm-up, when it differs from the measured part's (a surge after an ordinary load). */
  warmupRatePerSecond?: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Called when the first measured request is due. */
  onMeasureStart?: () => void;
  /** How long, after the last request was sent, answers are waited for before the rest count as unanswered. */
  drainSeconds?: number;
}

export interface OpenLoopResult {
  requests: TimedRequest[];
  /** When the measured part started and ended, in milliseconds since the epoch. */
  measuredFrom: number;
  measuredUntil: number;
  /** Requests still unanswered when the drain time ran out. */
  unanswered: number;
}

/** Connections the open loop may hold open at once: requests queued at a rate limit wait on theirs. */
const openLoopConnections = 4_096;

/**
 * Requests sent on a fixed schedule, whatever the answers do (an open loop): a slow answer
 * never delays the next request, and each latency counts from when its request was due,
 * so time spent queued anywhere (the driver included) shows.
 */
export async function driveOpenLoop(url: string, load: Load, options: OpenLoopOptions): Promise<OpenLoopResult> {
  const target = new URL(url);
  const pool = new Pool(target.origin, {
    connections: openLoopConnections,
    pipelining: 1,
    headersTimeout: 120_000,
    bodyTimeout: 120_000,
  });
  const intervalMs = 1000 / options.ratePerSecond;
  const warmupRate = options.warmupRatePerSecond ?? options.ratePerSecond;
  const warmupCount = Math.round(warmupRate * options.warmupSeconds);
  const total = warmupCount + Math.round(options.ratePerSecond * options.durationSeconds);
  const clock = () => performance.timeOrigin + performance.now();
  const startAt = clock() + 10;
  const measuredFrom = startAt + options.warmupSeconds * 1000;
  const dueAtOf = (index: number) =>
    index < warmupCount ? startAt + (index * 1000) / warmupRate : measuredFrom + (index - warmupCount) * intervalMs;
  const requests: TimedRequest[] = [];
  const answers = new Set<Promise<void>>();

  const send = (index: number) => {
    const dueAt = dueAtOf(index);
    const request = load.next();
    const answer = pool
      .request({ method: request.method, path: request.path, headers: request.headers, body: request.body })
      .then(async (response) => {
        const text = await response.body.text();
        if (response.statusCode < 200 || response.statusCode >= 300) return `HTTP ${response.statusCode}`;
        return load.graphql ? graphqlErrorCode(text) : undefined;
      })
      .catch(() => 'transport')
      .then((errorCode) => {
        requests.push({ sessionId: request.sessionId, dueAt, latencyMs: clock() - dueAt, ok: errorCode === undefined, errorCode, measured: index >= warmupCount });
      });
    answers.add(answer);
    void answer.finally(() => answers.delete(answer));
  };

  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const now = clock();
      while (next < total && dueAtOf(next) <= now) {
        if (next === warmupCount) options.onMeasureStart?.();
        send(next);
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, dueAtOf(next) - clock()));
      else resolve();
    };
    tick();
  });
  const drained = Promise.all(answers).then(() => true);
  const gaveUp = new Promise<false>((resolve) => setTimeout(() => resolve(false), (options.drainSeconds ?? 60) * 1000).unref());
  await Promise.race([drained, gaveUp]);
  const unanswered = answers.size;
  await pool.destroy();
  return {
    requests,
    measuredFrom,
    measuredUntil: measuredFrom + (total - warmupCount) * intervalMs,
    unanswered,
  };
}

function graphqlErrorCode(text: string): string | undefined {
  if (!text.includes('"errors"')) return undefined;
  try {
    const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: unknown } }> };
    return String(body.errors?.[0]?.extensions?.code ?? 'GRAPHQL_ERROR');
  } catch {
    return 'GRAPHQL_ERROR';
  }
}

export function percentileOf(values: readonly number[], quantile: number): number {
  return percentile(Float64Array.from(values).sort(), quantile);
}

function summarize(latencies: number[], sent: number, elapsedSeconds: number, errors: number): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  return {
    completed: sorted.length,
    sent,
    requestsPerSecond: sorted.length / elapsedSeconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    errors,
  };
}

function percentile(sorted: Float64Array, quantile: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1))]!;
}
