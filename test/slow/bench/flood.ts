import { setTimeout as delay } from 'node:timers/promises';
import { Pool } from 'undici';
import { benchSessionId } from './bench-sessions.js';

export interface FloodOptions {
  /** Requests the flooding client keeps in flight, each sent again as soon as it is answered. */
  floodRequests: number;
  /** Distinct sessions nobody asked for, per flood request. */
  idsPerRequest: number;
  /** How long the flood runs before the reads are measured, and then while they are. */
  warmupSeconds: number;
  durationSeconds: number;
  /** Single-session reads of sessions nobody asked for (the benchmark's sessions, from `firstReadIndex` on), one each this often, whatever the answers do. */
  readIntervalMs: number;
  firstReadIndex: number;
}

export interface FloodResult {
  /** Each single-session read: how long it waited for its answer, and whether it had the session. */
  reads: Array<{ latencyMs: number; ok: boolean }>;
  floodAnswers: number;
  startedAt: number;
  endedAt: number;
}

const entitiesQuery = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id } } }';
const sessionQuery = 'query ($id: ID!) { checkoutSession(id: $id) { id } }';

let unknownIdNumber = 0;
/** A session id no request asked for before; the emulator has no such session: a 404, one call all the same. */
function unknownId(kind: string): string {
  unknownIdNumber += 1;
  return `cs_test_${kind}${String(unknownIdNumber).padStart(10, '0')}`;
}

/**
 * One client flooding the provider queue with `floodRequests` concurrent `_entities`
 * requests of sessions nobody asked for, and, once the flood has filled the queue,
 * single-session reads of sessions nobody asked for either, timed from when each was sent.
 */
export async function driveFlood(url: string, options: FloodOptions): Promise<FloodResult> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: options.floodRequests + 64, pipelining: 1, headersTimeout: 120_000, bodyTimeout: 120_000 });
  const post = async (body: unknown) => {
    const response = await pool.request({ method: 'POST', path: target.pathname, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.body.text();
    return response.statusCode === 200 ? (JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown[] }) : undefined;
  };
  const startedAt = performance.timeOrigin + performance.now();
  const stopAt = performance.now() + (options.warmupSeconds + options.durationSeconds) * 1000;
  let floodAnswers = 0;
  const flooder = async () => {
    while (performance.now() < stopAt) {
      const representations = Array.from({ length: options.idsPerRequest }, () => ({ __typename: 'CheckoutSession', id: unknownId('flood') }));
      await post({ query: entitiesQuery, variables: { representations } }).catch(() => undefined);
      floodAnswers += 1;
    }
  };
  const flood = Array.from({ length: options.floodRequests }, flooder);

  await delay(options.warmupSeconds * 1000);
  const reads: FloodResult['reads'] = [];
  const pending: Array<Promise<void>> = [];
  while (performance.now() < stopAt) {
    const sentAt = performance.now();
    const id = benchSessionId(options.firstReadIndex + pending.length);
    pending.push(
      post({ query: sessionQuery, variables: { id } })
        .then((answer) => answer?.errors === undefined && (answer?.data?.checkoutSession as { id?: string } | null)?.id === id)
        .catch(() => false)
        .then((ok) => {
          reads.push({ latencyMs: performance.now() - sentAt, ok });
        }),
    );
    await delay(options.readIntervalMs);
  }
  await Promise.all([...pending, ...flood]);
  await pool.destroy();
  return { reads, floodAnswers, startedAt, endedAt: performance.timeOrigin + performance.now() };
}
