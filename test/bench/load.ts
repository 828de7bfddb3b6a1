import autocannon from 'autocannon';
import { Client } from 'undici';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
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
