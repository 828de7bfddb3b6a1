import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { busiestSecond } from '../../support/busiest-second.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';
import {
  askForSession,
  startReplicaProcess,
  stopReplicaProcesses,
  tally,
  type ReplicaProcess,
} from '../../support/replica-processes.js';
import { BenchProcess } from './bench-process.js';
import { benchSessionId } from './bench-sessions.js';

// `npm run bench:fleet -- [--duration 9] [--latency 20] [--json file]`
//
// Row (i), the fleet in bad weather: three compiled replicas on one Redis of the benchmark's
// own, every setting at its default but PROVIDER_RATE_LIMIT=20, against the emulator (a
// process of its own, answering after `--latency` ms) enforcing Stripe's test-key limit:
// 429 past 25 calls in any second. Each scenario starts a fresh fleet and Redis:
//   burst:        600 distinct sessions asked at once, a third on each replica;
//   Redis lost:   10 clients per replica asking for distinct sessions back to back for
//                 `--duration` seconds, Redis killed 2.5 s in and started again 3 s later;
//   open session: one open session asked on every replica every 100 ms for `--duration` seconds.

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '9' },
    latency: { type: 'string', default: '20' },
    json: { type: 'string' },
  },
});
const durationSeconds = Number(args.duration);
const latencyMs = Number(args.latency);
if (!Number.isFinite(durationSeconds) || durationSeconds < 6) throw new Error(`--duration must be at least 6 (Redis is away from 2.5 s to 5.5 s), got ${args.duration}`);
if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`--latency must be a non-negative number, got ${args.latency}`);

const replicaCount = 3;
const rateLimitPerSecond = 20;
const burstSessions = 600;
const clientsPerReplica = 10;
const redisAwayAfterMs = 2500;
const redisAwayForMs = 3000;
const askEveryMs = 100;
/** How long a session that can still change is kept: `CACHE_OPEN_TTL_MS`'s default in docs/configuration.md. */
const openSessionAgeMs = 2000;
/** Every replica heard from in Redis before the weather turns. */
const heartbeatsSettleMs = 1500;

const projectRoot = new URL('../../../', import.meta.url);
const outputDirectory = new URL('bench-results/', projectRoot);
const buildDirectory = new URL('build/', outputDirectory);
execFileSync(
  'npm',
  [
    'run', 'build', '--silent', '--',
    ...['emulator-process', 'bench-child', 'bench-sessions'].map((name) => `test/slow/bench/${name}.ts`),
    `--outdir=${fileURLToPath(buildDirectory)}`,
  ],
  { cwd: projectRoot, stdio: 'inherit' },
);
// The subgraph as `npm start` runs it, compiled with the benchmark's processes.
const subgraphBuild = { entry: fileURLToPath(new URL('src/main.js', buildDirectory)) };

interface WeatherFigures {
  scenario: string;
  queries: number;
  answered: number;
  rateLimited: number;
  /** Every other outcome, by its error code. */
  otherErrors: Record<string, number>;
  providerCalls: number;
  /** Most session calls the provider got in any one second (a sliding window). */
  busiestSecond: number;
  /** Session calls the provider answered 429. */
  provider429s: number;
  /** Open session only: provider calls for the session per `openSessionAgeMs` of asking. */
  callsPerCacheAge?: number;
}

const emulator = await BenchProcess.start(new URL('test/slow/bench/emulator-process.js', buildDirectory), {
  env: { ...process.env, BENCH_LATENCY_MS: String(latencyMs) },
});
await emulator.call('enforceStripeRateLimits');

/** A fresh Redis and three replicas on it for one scenario, stopped after it; the emulator's calls counted from the start of `run`. */
async function withFleet<Result>(run: (replicas: ReplicaProcess[], redis: RedisServer) => Promise<Result>): Promise<Result> {
  const redis = await startRedisServer();
  const environment = {
    NODE_ENV: 'production',
    STRIPE_SECRET_KEY: String(emulator.ready.stripeSecretKey),
    STRIPE_API_URL: String(emulator.ready.url),
    REDIS_URL: redis.url,
    PROVIDER_RATE_LIMIT: String(rateLimitPerSecond),
  };
  const replicas = await Promise.all(Array.from({ length: replicaCount }, () => startReplicaProcess(environment, subgraphBuild)));
  try {
    await delay(heartbeatsSettleMs);
    await emulator.call('resetCalls');
    return await run(replicas, redis);
  } finally {
    await stopReplicaProcesses(replicas);
    await redis.close();
  }
}

/** The scenario's figures from its queries' outcomes and the provider's session calls for its ids. */
async function figuresOf(scenario: string, outcomes: readonly string[], ids: ReadonlySet<string>): Promise<WeatherFigures> {
  const idOf = (pathAfterSessions: string) => pathAfterSessions.split(/[/?]/)[0]!;
  const calls = (await emulator.call<Array<[string, number]>>('sessionCallTimes')).filter(([suffix]) => ids.has(idOf(suffix)));
  const { answered = 0, RATE_LIMITED: rateLimited = 0, ...otherErrors } = tally(outcomes);
  return {
    scenario,
    queries: outcomes.length,
    answered,
    rateLimited,
    otherErrors,
    providerCalls: calls.length,
    busiestSecond: busiestSecond(calls.map(([, at]) => at)),
    provider429s: (await emulator.call<number[]>('rateLimitedCallTimes')).length,
  };
}

async function burst(): Promise<WeatherFigures> {
  const ids = Array.from({ length: burstSessions }, (_, index) => benchSessionId(2 * index));
  return withFleet(async (replicas) => {
    const outcomes = await Promise.all(ids.map((id, index) => askForSession(replicas[index % replicaCount]!, id)));
    await delay(1000);
    return figuresOf(`burst: ${burstSessions} distinct sessions at once`, outcomes, new Set(ids));
  });
}

async function redisLost(): Promise<WeatherFigures> {
  // Final sessions nobody asked for before, each asked once.
  const ids = Array.from({ length: 20_000 }, (_, index) => benchSessionId(2 * (index + burstSessions)));
  return withFleet(async (replicas, redis) => {
    const startedAt = performance.now();
    let next = 0;
    const outcomes: string[] = [];
    const client = async (replica: ReplicaProcess) => {
      while (performance.now() - startedAt < durationSeconds * 1000 && next < ids.length) {
        outcomes.push(await askForSession(replica, ids[next++]!));
      }
    };
    const weather = (async () => {
      await delay(redisAwayAfterMs);
      await redis.kill();
      await delay(redisAwayForMs);
      await redis.start();
    })();
    await Promise.all([weather, ...replicas.flatMap((replica) => Array.from({ length: clientsPerReplica }, () => client(replica)))]);
    return figuresOf(`Redis lost: ${clientsPerReplica * replicaCount} clients of new sessions, Redis killed and started again`, outcomes, new Set(ids.slice(0, next)));
  });
}

async function openSessionEverywhere(): Promise<WeatherFigures> {
  // An odd index: an open session.
  const id = benchSessionId(1);
  return withFleet(async (replicas) => {
    const startedAt = performance.now();
    const outcomes: string[] = [];
    while (performance.now() - startedAt < durationSeconds * 1000) {
      const tick = delay(askEveryMs);
      outcomes.push(...(await Promise.all(replicas.map((replica) => askForSession(replica, id)))));
      await tick;
    }
    const askedMs = performance.now() - startedAt;
    const figures = await figuresOf(`open session: asked on every replica every ${askEveryMs} ms`, outcomes, new Set([id]));
    return { ...figures, callsPerCacheAge: figures.providerCalls / (askedMs / openSessionAgeMs) };
  });
}

function formatTable(rows: readonly WeatherFigures[]): string {
  const header = ['scenario', 'queries', 'answered with data', 'RATE_LIMITED', 'other errors', 'provider calls', 'busiest second', '429s', 'calls per cache age'];
  const lines = rows.map((row) => {
    const others = Object.entries(row.otherErrors).map(([code, count]) => `${count} ${code}`).join(', ') || '0';
    return [row.scenario, row.queries, row.answered, row.rateLimited, others, row.providerCalls, row.busiestSecond, row.provider429s, row.callsPerCacheAge?.toFixed(2) ?? '-'];
  });
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

try {
  const rows: WeatherFigures[] = [];
  for (const scenario of [burst, redisLost, openSessionEverywhere]) {
    process.stderr.write(`running ${scenario.name}\n`);
    rows.push(await scenario());
  }
  const report = {
    startedAt: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg(),
    options: { durationSeconds, providerLatencyMs: latencyMs, replicas: replicaCount, rateLimitPerSecond, providerLimitPerSecond: 25 },
    rows,
  };
  const jsonPath = path.resolve(args.json ?? fileURLToPath(new URL(`fleet-weather-${report.startedAt.replace(/[:.]/g, '-')}.json`, outputDirectory)));
  await mkdir(path.dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${replicaCount} replicas on one Redis, PROVIDER_RATE_LIMIT=${rateLimitPerSecond}, the provider answering 429 past 25 calls/s, ${latencyMs} ms provider, ${os.cpus().length} CPUs\n`);
  console.log(formatTable(rows));
  console.log(`\nJSON: ${jsonPath}`);
} finally {
  await emulator.stop();
}
