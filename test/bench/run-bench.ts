import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { BenchProcess } from './bench-process.js';
import { driveConcurrently, driveOneAtATime, type Load } from './load.js';
import { evaluateTargets, formatRows, formatTargets, type BenchRow } from './report.js';
import { entitiesLoad, passThroughLoad, pickHotId, pickRandomId, sessionQueryLoad } from './scenarios.js';

// `npm run bench -- [--duration 10] [--latency 20] [--only a,b,c,d,e] [--json file] [--profile]`

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    latency: { type: 'string', default: '20' },
    only: { type: 'string', default: 'a,b,c,d,e' },
    json: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});

type Group = 'a' | 'b' | 'c' | 'd' | 'e';

interface RowSpec {
  id: string;
  scenario: string;
  /** Selected by `--only` when any of these is listed. */
  groups: Group[];
  server: BenchRow['server'];
  cache: BenchRow['cache'];
  latencyMs: number;
  connections: number;
  load: () => Load;
  /** For two replicas: whether they share a Redis. */
  sharedRedis?: boolean;
  /** Requests per second from all connections together; unset, as many as the server answers. */
  ratePerSecond?: number;
  /** Measured from a cold start: fresh processes (and Redis), no warm-up, every provider call counted. */
  cold?: boolean;
}

const durationSeconds = positiveNumber('duration', args.duration);
const latencyMs = positiveNumber('latency', args.latency, true);
const warmupSeconds = Math.min(2, Math.max(0.2, durationSeconds * 0.2));
const outputDirectory = new URL('../../bench-results/', import.meta.url);
const only = new Set(args.only.split(',').map((group) => group.trim()));
const providerConcurrency = loadConfig(process.env).provider.concurrencyPerRequest;
/**
 * The (e) rows compare one process with two replicas from cold caches at one fixed rate,
 * well within what a busy 2-core machine answers, so that provider calls per request
 * depend on the caches alone and not on how fast each setup happened to run.
 */
const fleetRate = 200;

const rowSpecs: RowSpec[] = [
  ...phaseRows(latencyMs, ''),
  ...(latencyMs === 0 ? [] : phaseRows(0, '0').filter((spec) => spec.id === 'a0' || spec.id === 'd-a0')),
].filter((spec) => spec.groups.some((group) => only.has(group)));

if (rowSpecs.length === 0) throw new Error(`--only ${args.only} selects no scenario; use letters among a,b,c,d,e`);

function phaseRows(latency: number, suffix: string): RowSpec[] {
  const at = suffix ? ', 0 ms provider' : '';
  return [
    { id: `d-a${suffix}`, scenario: `(d) pass-through under (a)'s load${at}`, groups: ['a', 'd'], server: 'pass-through', cache: '-', latencyMs: latency, connections: 64, load: () => passThroughLoad(pickRandomId) },
    { id: `a${suffix}`, scenario: `(a) one session per query, random ids${at}`, groups: ['a'], server: 'subgraph', cache: 'off', latencyMs: latency, connections: 64, load: () => sessionQueryLoad(pickRandomId) },
    { id: `c${suffix}`, scenario: '(c) _entities, 100 representations of 50 ids', groups: ['c'], server: 'subgraph', cache: 'off', latencyMs: latency, connections: 16, load: entitiesLoad },
    { id: `c1${suffix}`, scenario: '(c) the same, one at a time', groups: ['c'], server: 'subgraph', cache: 'off', latencyMs: latency, connections: 1, load: entitiesLoad },
    { id: `d1${suffix}`, scenario: '(d) pass-through, one at a time (a round trip)', groups: ['c', 'd'], server: 'pass-through', cache: '-', latencyMs: latency, connections: 1, load: () => passThroughLoad(pickRandomId) },
    { id: `d-b${suffix}`, scenario: "(d) pass-through under (b)'s load", groups: ['b', 'd'], server: 'pass-through', cache: '-', latencyMs: latency, connections: 64, load: () => passThroughLoad(pickHotId) },
    { id: `b${suffix}`, scenario: '(b) one session per query, hot set of 200', groups: ['b'], server: 'subgraph', cache: 'on', latencyMs: latency, connections: 64, load: () => sessionQueryLoad(pickHotId) },
    { id: `b-rate${suffix}`, scenario: `(b) at ${fleetRate} requests/s, from cold`, groups: ['e'], server: 'subgraph', cache: 'on', latencyMs: latency, connections: 64, load: () => sessionQueryLoad(pickHotId), ratePerSecond: fleetRate, cold: true },
    { id: `e-solo${suffix}`, scenario: `(e) the same on two replicas, no Redis`, groups: ['e'], server: 'two replicas', cache: 'on', latencyMs: latency, connections: 64, load: () => sessionQueryLoad(pickHotId), sharedRedis: false, ratePerSecond: fleetRate, cold: true },
    { id: `e${suffix}`, scenario: `(e) the same on two replicas sharing Redis`, groups: ['e'], server: 'two replicas', cache: 'on', latencyMs: latency, connections: 64, load: () => sessionQueryLoad(pickHotId), sharedRedis: true, ratePerSecond: fleetRate, cold: true },
  ];
}

function positiveNumber(name: string, raw: string, zeroAllowed = false): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
    throw new Error(`--${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number, got ${raw}`);
  }
  return value;
}

const settleCheckMs = 100;
const projectRoot = new URL('../../', import.meta.url);
const buildDirectory = new URL('build/', outputDirectory);
const benchProcesses = ['emulator-process', 'pass-through-process', 'subgraph-process', 'round-robin-proxy-process', 'bench-child', 'bench-sessions'];
const script = (name: string) => new URL(`test/bench/${name}.js`, buildDirectory);

/**
 * Every server runs compiled, as `npm start` runs the subgraph: `npm run build` with the
 * benchmark's own processes added, into bench-results/build/ so a running `dist/` is left alone.
 */
function buildServers(): void {
  execFileSync(
    'npm',
    ['run', 'build', '--silent', '--', ...benchProcesses.map((name) => `test/bench/${name}.ts`), `--outdir=${fileURLToPath(buildDirectory)}`],
    { cwd: projectRoot, stdio: 'inherit' },
  );
}

/** With `--profile`, each server writes a CPU profile per process to bench-results/profiles/<role>/. */
function profileFlags(role: string): string[] {
  if (!args.profile) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${fileURLToPath(new URL(`profiles/${role}`, outputDirectory))}`];
}

/** The servers under test with the processes whose CPU and memory count, and the URL the load goes to. */
interface ServerUnderTest {
  processes: BenchProcess[];
  url: string;
}

/** Two subgraph replicas behind a round-robin proxy, sharing a Redis or not: rows (e). */
interface Fleet {
  redis: RedisServer | undefined;
  replicas: BenchProcess[];
  proxy: BenchProcess;
}

/** The emulator, the pass-through and (one at a time) a subgraph or a fleet of two, for one provider latency. */
class Phase {
  private subgraph: { cache: string; process: BenchProcess } | undefined;
  private fleet: Fleet | undefined;

  private constructor(
    readonly latency: number,
    readonly emulator: BenchProcess,
    /** Started with the phase, awaited when first needed, so it starts while the subgraph does. */
    private readonly passThrough: Promise<BenchProcess>,
  ) {}

  static async start(latency: number): Promise<Phase> {
    const emulator = await BenchProcess.start(script('emulator-process'), {
      env: { ...process.env, BENCH_LATENCY_MS: String(latency) },
      nodeFlags: profileFlags(`emulator-${latency}ms`),
    });
    const passThrough = BenchProcess.start(script('pass-through-process'), {
      env: providerEnv(emulator),
      nodeFlags: profileFlags(`pass-through-${latency}ms`),
    });
    passThrough.catch(() => {});
    return new Phase(latency, emulator, passThrough);
  }

  async server(spec: RowSpec): Promise<ServerUnderTest> {
    if (spec.server === 'pass-through') {
      const passThrough = await this.passThrough;
      return { processes: [passThrough], url: String(passThrough.ready.url) };
    }
    if (spec.server === 'two replicas') {
      await this.stopSubgraph();
      const sharedRedis = spec.sharedRedis ?? true;
      if (spec.cold || (this.fleet && (this.fleet.redis !== undefined) !== sharedRedis)) await this.stopFleet();
      this.fleet ??= await this.startFleet(spec.cache, sharedRedis);
      return { processes: [...this.fleet.replicas, this.fleet.proxy], url: `${String(this.fleet.proxy.ready.url)}/graphql` };
    }
    await this.stopFleet();
    if (spec.cold || this.subgraph?.cache !== spec.cache) {
      await this.stopSubgraph();
      this.subgraph = { cache: spec.cache, process: await this.startSubgraph(spec.cache, `subgraph-cache-${spec.cache}-${this.latency}ms`) };
    }
    return { processes: [this.subgraph.process], url: `${String(this.subgraph.process.ready.url)}/graphql` };
  }

  async stop(): Promise<void> {
    await this.stopSubgraph();
    await this.stopFleet();
    await (await this.passThrough.catch(() => undefined))?.stop();
    await this.emulator.stop();
  }

  private startSubgraph(cache: string, role: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<BenchProcess> {
    return BenchProcess.start(script('subgraph-process'), {
      env: {
        ...providerEnv(this.emulator),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        CACHE: cache,
        // The client-side rate limit would cap the load; the benchmark measures the subgraph.
        PROVIDER_RATE_LIMIT: '0',
        ...extraEnv,
      },
      nodeFlags: profileFlags(role),
    });
  }

  private async startFleet(cache: string, sharedRedis: boolean): Promise<Fleet> {
    const redis = sharedRedis ? await startRedisServer() : undefined;
    const replicas = await Promise.all(
      [1, 2].map((replica) =>
        this.startSubgraph(cache, `replica-${replica}-${this.latency}ms`, redis ? { REDIS_URL: redis.url } : {}),
      ),
    );
    const proxy = await BenchProcess.start(script('round-robin-proxy-process'), {
      env: { ...process.env, BENCH_UPSTREAMS: replicas.map((replica) => String(replica.ready.url)).join(',') },
    });
    return { redis, replicas, proxy };
  }

  private async stopSubgraph(): Promise<void> {
    await this.subgraph?.process.stop();
    this.subgraph = undefined;
  }

  private async stopFleet(): Promise<void> {
    if (!this.fleet) return;
    await this.fleet.proxy.stop();
    await Promise.all(this.fleet.replicas.map((replica) => replica.stop()));
    await this.fleet.redis?.close();
    this.fleet = undefined;
  }

  /** Requests cut off when time is up still finish their provider calls: waits until the count holds still. */
  async settledProviderCalls(): Promise<number> {
    let previous = -1;
    let calls = await this.emulator.call<number>('sessionCalls');
    const window = settleCheckMs + 2 * this.latency;
    for (let waited = 0; calls !== previous && waited < 5_000; waited += window) {
      await delay(window);
      previous = calls;
      calls = await this.emulator.call<number>('sessionCalls');
    }
    return calls;
  }
}

/** What both servers under test get: the emulator as their provider, and production mode as deployed. */
function providerEnv(emulator: BenchProcess): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // graphql-js checks every type test twice outside production; deployments run without that.
    NODE_ENV: 'production',
    STRIPE_API_URL: String(emulator.ready.url),
    STRIPE_SECRET_KEY: String(emulator.ready.stripeSecretKey),
  };
}

async function measure(phase: Phase, spec: RowSpec): Promise<BenchRow> {
  const server = await phase.server(spec);
  const load = spec.load();
  const drive = (seconds: number) =>
    spec.connections === 1
      ? driveOneAtATime(server.url, load, seconds)
      : driveConcurrently(server.url, load, spec.connections, seconds, spec.ratePerSecond);

  if (!spec.cold) await drive(warmupSeconds);
  await phase.settledProviderCalls();
  await phase.emulator.call('resetCalls');
  await Promise.all(server.processes.map((process) => process.call('resetUsage')));
  const result = await drive(durationSeconds);
  const providerCalls = await phase.settledProviderCalls();
  const usages = await Promise.all(
    server.processes.map((process) => process.call<{ peakRssBytes: number; cpuMicros: number }>('usage')),
  );
  // CPU of every process serving the row, proxy included; memory of the largest one.
  const usage = {
    cpuMicros: usages.reduce((sum, each) => sum + each.cpuMicros, 0),
    peakRssBytes: Math.max(...usages.map((each) => each.peakRssBytes)),
  };
  return {
    id: spec.id,
    scenario: spec.scenario,
    server: spec.server,
    cache: spec.cache,
    providerLatencyMs: spec.latencyMs,
    connections: spec.connections,
    requestsPerSecond: result.requestsPerSecond,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    providerCallsPerRequest: result.sent === 0 ? 0 : providerCalls / result.sent,
    errors: result.errors,
    completed: result.completed,
    cpuMsPerRequest: result.completed === 0 ? 0 : usage.cpuMicros / 1000 / result.completed,
    peakRssMb: usage.peakRssBytes / 1024 / 1024,
  };
}

async function main(): Promise<void> {
  buildServers();
  const rows: BenchRow[] = [];
  for (const latency of [...new Set(rowSpecs.map((spec) => spec.latencyMs))]) {
    const phase = await Phase.start(latency);
    try {
      for (const spec of rowSpecs.filter((candidate) => candidate.latencyMs === latency)) {
        process.stderr.write(`running ${spec.scenario} (${spec.server}, ${durationSeconds} s)\n`);
        rows.push(await measure(phase, spec));
      }
    } finally {
      await phase.stop();
    }
  }

  const targets = evaluateTargets(rows, { providerConcurrency });
  const report = {
    startedAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    loadAverage: os.loadavg(),
    options: { durationSeconds, warmupSeconds, providerLatencyMs: latencyMs, providerConcurrency },
    rows,
    targets,
  };
  const jsonPath = path.resolve(
    args.json ?? fileURLToPath(new URL(`bench-${report.startedAt.replace(/[:.]/g, '-')}.json`, outputDirectory)),
  );
  await mkdir(path.dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\nProvider latency ${latencyMs} ms, PROVIDER_CONCURRENCY ${providerConcurrency}, ${durationSeconds} s per row, ${os.cpus().length} CPUs\n`);
  console.log(formatRows(rows));
  console.log(`\n${formatTargets(targets)}\n`);
  console.log(`JSON: ${jsonPath}`);
}

await main();
