import { execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../../src/config/config.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { BenchProcess } from './bench-process.js';
import { benchSessionId } from './bench-sessions.js';
import { request } from 'undici';
import { driveFlood, type FloodOptions } from './flood.js';
import { driveConcurrently, driveOneAtATime, driveOpenLoop, percentileOf, type Load } from './load.js';
import { summarizeProfiles } from './profile-summary.js';
import { rateBudgetFigures } from './rate-budget.js';
import { evaluateTargets, formatRateBudgets, formatRows, formatTargets, type BenchRow } from './report.js';
import { entitiesLoad, fillCacheLoad, passThroughLoad, pickHotId, pickRandomId, sessionQueryLoad, zipfIdPicker } from './scenarios.js';

// `npm run bench -- [--duration 10] [--latency 20] [--only a,b,c,d,e,f,g] [--json file] [--profile] [--node-flags "--flag ..."]`

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    latency: { type: 'string', default: '20' },
    only: { type: 'string', default: 'a,b,c,d,e,f,g' },
    json: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'node-flags': { type: 'string', default: '' },
  },
});

type Group = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';

/**
 * Closed loop: `connections` clients back to back (1: one at a time), together at most
 * `ratePerSecond` requests per second when it is set. Open loop: a fixed schedule.
 */
type Drive =
  | { loop: 'closed'; connections: number; ratePerSecond?: number }
  | { loop: 'open'; ratePerSecond: number; warmupRatePerSecond?: number; warmupSeconds: number; durationSeconds: number }
  | ({ loop: 'flood' } & FloodOptions);

interface RowSpec {
  id: string;
  scenario: string;
  /** Selected by `--only` when any of these is listed. */
  groups: Group[];
  server: BenchRow['server'];
  cache: BenchRow['cache'];
  latencyMs: number;
  drive: Drive;
  load: () => Load;
  /** For two replicas: whether they share a Redis. */
  sharedRedis?: boolean;
  /** Measured from a cold start: fresh processes (and Redis), no warm-up, every provider call counted. */
  cold?: boolean;
  /** Subgraph settings beyond every row's own (an empty value restores the default). */
  subgraphEnv?: Record<string, string>;
  /** Fills the read cache to its byte bound before the row is measured. */
  fillCacheFirst?: boolean;
  /** Scenario (g): the variant's name. */
  rateBudgetVariant?: string;
  /** The emulator's Stripe key: a test key unless `live`. */
  stripeMode?: StripeMode;
}

type StripeMode = 'test' | 'live';

/**
 * Scenario (g)'s variants, each on servers of its own that start with empty caches, the
 * provider's limits enforced. A variant is a name, the server and the emulator's key.
 */
const surgeVariants: Array<{ id: string; variant: string; server: 'subgraph' | 'two replicas'; stripeMode: StripeMode }> = [
  { id: 'g', variant: 'test key, one process', server: 'subgraph', stripeMode: 'test' },
  { id: 'g-live', variant: 'live key, one process', server: 'subgraph', stripeMode: 'live' },
  // Sharing Redis, the replicas share one rate budget as well as the cache.
  { id: 'g-fleet', variant: 'test key, two replicas sharing Redis', server: 'two replicas', stripeMode: 'test' },
  { id: 'g-fleet-live', variant: 'live key, two replicas sharing Redis', server: 'two replicas', stripeMode: 'live' },
];

const durationSeconds = positiveNumber('duration', args.duration);
const latencyMs = positiveNumber('latency', args.latency, true);
const warmupSeconds = Math.min(2, Math.max(0.2, durationSeconds * 0.2));
const outputDirectory = new URL('../../../bench-results/', import.meta.url);
const only = new Set(args.only.split(',').map((group) => group.trim()));
const providerConcurrency = loadConfig(process.env).provider.concurrencyPerRequest;
/**
 * The (e) rows compare one process with two replicas from cold caches at one fixed rate,
 * well within what a busy 2-core machine answers, so that provider calls per request
 * depend on the caches alone and not on how fast each setup happened to run.
 */
const fleetRate = 200;
/** Replicas behind the round-robin proxy in rows (e) and (g)'s fleet variant. */
const fleetReplicas = 2;

/** Scenario (f): a fixed rate well below saturation. */
const ordinaryRatePerSecond = 200;
/** Scenario (g): an ordinary load for `--duration` (not measured), then a surge of many times the provider's budget for 3 times `--duration`. */
const surgeWarmupPerSecond = 40;
const surgePerSecond = 150;
/** Scenario (g)'s flood: one client's concurrent requests, each of this many sessions nobody asked for. */
const floodRequests = 45;
const floodIdsPerRequest = 20;
/** Above the ids the other rows read, so the flood's single-session reads are first asks. */
const floodFirstReadIndex = 40_000;

const rowSpecs: RowSpec[] = [
  ...phaseRows(latencyMs, ''),
  ...(latencyMs === 0 ? [] : phaseRows(0, '0').filter((spec) => spec.id === 'a0' || spec.id === 'd-a0')),
].filter((spec) => spec.groups.some((group) => only.has(group)));

if (rowSpecs.length === 0) throw new Error(`--only ${args.only} selects no scenario; use letters among a,b,c,d,e,f,g`);

function phaseRows(latency: number, suffix: string): RowSpec[] {
  const at = suffix ? ', 0 ms provider' : '';
  const closed = (connections: number): Drive => ({ loop: 'closed', connections });
  const atFleetRate: Drive = { loop: 'closed', connections: 64, ratePerSecond: fleetRate };
  const ordinary: Drive = { loop: 'open', ratePerSecond: ordinaryRatePerSecond, warmupSeconds, durationSeconds };
  const surge: Drive = {
    loop: 'open',
    warmupRatePerSecond: surgeWarmupPerSecond,
    ratePerSecond: surgePerSecond,
    warmupSeconds: durationSeconds,
    durationSeconds: 3 * durationSeconds,
  };
  const flood: Drive = {
    loop: 'flood',
    floodRequests,
    idsPerRequest: floodIdsPerRequest,
    warmupSeconds: durationSeconds / 2,
    durationSeconds: 1.5 * durationSeconds,
    readIntervalMs: 500,
    firstReadIndex: floodFirstReadIndex,
  };
  // The client-side budgets at their defaults for the emulator's key: 20 calls/s for the session endpoint in either mode.
  const defaultBudgets = { PROVIDER_RATE_LIMIT: '', PROVIDER_GLOBAL_RATE_LIMIT: '' };
  return [
    { id: `d-a${suffix}`, scenario: `(d) pass-through under (a)'s load${at}`, groups: ['a', 'd'], server: 'pass-through', cache: '-', latencyMs: latency, drive: closed(64), load: () => passThroughLoad(pickRandomId) },
    { id: `a${suffix}`, scenario: `(a) one session per query, random ids${at}`, groups: ['a'], server: 'subgraph', cache: 'off', latencyMs: latency, drive: closed(64), load: () => sessionQueryLoad(pickRandomId) },
    { id: `c${suffix}`, scenario: '(c) _entities, 100 representations of 50 ids', groups: ['c'], server: 'subgraph', cache: 'off', latencyMs: latency, drive: closed(16), load: entitiesLoad },
    { id: `c1${suffix}`, scenario: '(c) the same, one at a time', groups: ['c'], server: 'subgraph', cache: 'off', latencyMs: latency, drive: closed(1), load: entitiesLoad },
    { id: `d1${suffix}`, scenario: '(d) pass-through, one at a time (a round trip)', groups: ['c', 'd'], server: 'pass-through', cache: '-', latencyMs: latency, drive: closed(1), load: () => passThroughLoad(pickRandomId) },
    { id: `d-f${suffix}`, scenario: `(d) pass-through at ${ordinaryRatePerSecond} req/s, open loop`, groups: ['f', 'd'], server: 'pass-through', cache: '-', latencyMs: latency, drive: ordinary, load: () => passThroughLoad(pickRandomId) },
    { id: `f${suffix}`, scenario: `(f) one session per query at ${ordinaryRatePerSecond} req/s, open loop`, groups: ['f'], server: 'subgraph', cache: 'off', latencyMs: latency, drive: ordinary, load: () => sessionQueryLoad(pickRandomId) },
    { id: `d-b${suffix}`, scenario: "(d) pass-through under (b)'s load", groups: ['b', 'd'], server: 'pass-through', cache: '-', latencyMs: latency, drive: closed(64), load: () => passThroughLoad(pickHotId) },
    { id: `b${suffix}`, scenario: '(b) one session per query, hot set of 200', groups: ['b'], server: 'subgraph', cache: 'on', latencyMs: latency, drive: closed(64), load: () => sessionQueryLoad(pickHotId) },
    { id: `b-full${suffix}`, scenario: '(b) the same, cache first filled to its byte bound', groups: ['b'], server: 'subgraph', cache: 'on', latencyMs: latency, drive: closed(64), load: () => sessionQueryLoad(pickHotId), fillCacheFirst: true },
    { id: `b-rate${suffix}`, scenario: `(b) at ${fleetRate} requests/s, from cold`, groups: ['e'], server: 'subgraph', cache: 'on', latencyMs: latency, drive: atFleetRate, load: () => sessionQueryLoad(pickHotId), cold: true },
    { id: `e-solo${suffix}`, scenario: `(e) the same on two replicas, no Redis`, groups: ['e'], server: 'two replicas', cache: 'on', latencyMs: latency, drive: atFleetRate, load: () => sessionQueryLoad(pickHotId), sharedRedis: false, cold: true },
    { id: `e${suffix}`, scenario: `(e) the same on two replicas sharing Redis`, groups: ['e'], server: 'two replicas', cache: 'on', latencyMs: latency, drive: atFleetRate, load: () => sessionQueryLoad(pickHotId), sharedRedis: true, cold: true },
    ...surgeVariants.map(({ id, variant, server, stripeMode }): RowSpec => ({
      id: `${id}${suffix}`,
      scenario: `(g) surge: ${surgeWarmupPerSecond} then ${surgePerSecond} req/s, Zipf ids, ${variant}`,
      groups: ['g'],
      server,
      cache: 'on',
      latencyMs: latency,
      drive: surge,
      load: () => sessionQueryLoad(zipfIdPicker()),
      subgraphEnv: defaultBudgets,
      rateBudgetVariant: variant,
      stripeMode,
      cold: true,
    })),
    {
      id: `g-flood${suffix}`,
      scenario: `(g) single-session reads while ${floodRequests} requests of ${floodIdsPerRequest} unknown ids flood the queue`,
      groups: ['g'],
      server: 'subgraph',
      cache: 'on',
      latencyMs: latency,
      drive: flood,
      load: () => sessionQueryLoad(pickRandomId),
      subgraphEnv: defaultBudgets,
      cold: true,
    },
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
const projectRoot = new URL('../../../', import.meta.url);
const buildDirectory = new URL('build/', outputDirectory);
const benchProcesses = ['emulator-process', 'pass-through-process', 'subgraph-process', 'round-robin-proxy-process', 'bench-child', 'bench-sessions'];
const script = (name: string) => new URL(`test/slow/bench/${name}.js`, buildDirectory);

/**
 * Every server runs compiled, as `npm start` runs the subgraph: `npm run build` with the
 * benchmark's own processes added, into bench-results/build/ so a running `dist/` is left alone.
 */
function buildServers(): void {
  execFileSync(
    'npm',
    ['run', 'build', '--silent', '--', ...benchProcesses.map((name) => `test/slow/bench/${name}.ts`), `--outdir=${fileURLToPath(buildDirectory)}`],
    { cwd: projectRoot, stdio: 'inherit' },
  );
}

/** `--node-flags`: Node settings for the subgraph's processes only (each replica's too), to measure one before making it the default. */
const subgraphNodeFlags = args['node-flags'].split(/\s+/).filter(Boolean);

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

/** Two subgraph replicas behind a round-robin proxy, sharing a Redis or not: rows (e) and a variant of (g). */
interface Fleet {
  redis: RedisServer | undefined;
  replicas: BenchProcess[];
  proxy: BenchProcess;
}

/** The emulator, the pass-through and (one at a time) a subgraph or a fleet of two, for one provider latency. */
class Phase {
  /** Each kept with the settings it started with, and started afresh when a row asks for others. */
  private subgraph: { settings: string; process: BenchProcess } | undefined;
  private fleet: (Fleet & { settings: string }) | undefined;

  private constructor(
    readonly latency: number,
    readonly emulator: BenchProcess,
    /** Started with the phase, awaited when first needed, so it starts while the subgraph does. */
    private readonly passThrough: Promise<BenchProcess>,
  ) {}

  static async start(latency: number, stripeMode: StripeMode): Promise<Phase> {
    const emulator = await BenchProcess.start(script('emulator-process'), {
      env: { ...process.env, BENCH_LATENCY_MS: String(latency), BENCH_STRIPE_MODE: stripeMode },
      nodeFlags: profileFlags(`emulator-${stripeMode}-${latency}ms`),
    });
    const passThrough = BenchProcess.start(script('pass-through-process'), {
      env: providerEnv(emulator),
      nodeFlags: profileFlags(`pass-through-${latency}ms`),
    });
    passThrough.catch(() => {});
    return new Phase(latency, emulator, passThrough);
  }

  async server(spec: RowSpec): Promise<ServerUnderTest> {
    // Against Stripe's limits only where the subgraph paces itself to them.
    await this.emulator.call(enforcesProviderLimits(spec) ? 'enforceStripeRateLimits' : 'liftStripeRateLimits');
    if (spec.server === 'pass-through') {
      const passThrough = await this.passThrough;
      return { processes: [passThrough], url: String(passThrough.ready.url) };
    }
    const settings = {
      CACHE: spec.cache,
      // The client-side budgets would cap the load; the benchmark measures the subgraph, (g) aside.
      PROVIDER_RATE_LIMIT: '0',
      PROVIDER_GLOBAL_RATE_LIMIT: '0',
      ...spec.subgraphEnv,
    };
    const role = enforcesProviderLimits(spec) ? `surge-${(spec.rateBudgetVariant ?? spec.id).replace(/\W+/g, '-')}` : `cache-${spec.cache}`;
    if (spec.server === 'two replicas') {
      await this.stopSubgraph();
      const sharedRedis = spec.sharedRedis ?? true;
      const key = JSON.stringify({ ...settings, sharedRedis });
      if (spec.cold || this.fleet?.settings !== key) {
        await this.stopFleet();
        this.fleet = { settings: key, ...(await this.startFleet(settings, sharedRedis, role)) };
      }
      return { processes: [...this.fleet.replicas, this.fleet.proxy], url: `${String(this.fleet.proxy.ready.url)}/graphql` };
    }
    await this.stopFleet();
    const key = JSON.stringify(settings);
    if (spec.cold || this.subgraph?.settings !== key) {
      await this.stopSubgraph();
      this.subgraph = { settings: key, process: await this.startSubgraph(settings, `subgraph-${role}-${this.latency}ms`) };
    }
    return { processes: [this.subgraph.process], url: `${String(this.subgraph.process.ready.url)}/graphql` };
  }

  async stop(): Promise<void> {
    await this.stopSubgraph();
    await this.stopFleet();
    await (await this.passThrough.catch(() => undefined))?.stop();
    await this.emulator.stop();
  }

  private startSubgraph(settings: Record<string, string>, role: string): Promise<BenchProcess> {
    return BenchProcess.start(script('subgraph-process'), {
      env: { ...providerEnv(this.emulator), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...settings },
      nodeFlags: [...subgraphNodeFlags, ...profileFlags(role)],
    });
  }

  private async startFleet(settings: Record<string, string>, sharedRedis: boolean, role: string): Promise<Fleet> {
    const redis = sharedRedis ? await startRedisServer() : undefined;
    // As the docs advise: while Redis is unreachable, each replica paces itself at its share of the budget.
    const shared: Record<string, string> = redis ? { REDIS_URL: redis.url, REDIS_FALLBACK_REPLICAS: String(fleetReplicas) } : {};
    const replicas = await Promise.all(
      Array.from({ length: fleetReplicas }, (_, index) =>
        this.startSubgraph({ ...settings, ...shared }, `replica-${index + 1}-${role}-${this.latency}ms`),
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

/** Rows whose subgraph paces itself to Stripe's limits get them enforced; the others run with them lifted. */
function enforcesProviderLimits(spec: RowSpec): boolean {
  return spec.groups.includes('g');
}

async function measure(phase: Phase, spec: RowSpec): Promise<BenchRow> {
  const server = await phase.server(spec);
  if (spec.fillCacheFirst) await fillReadCache(server.url);
  if (spec.drive.loop === 'flood') return measureFlood(phase, spec, spec.drive, server);
  return spec.drive.loop === 'open' ? measureOpenLoop(phase, spec, spec.drive, server) : measureClosedLoop(phase, spec, spec.drive, server);
}

/** The flood: how long single-session first asks wait while one client fills the queue. */
async function measureFlood(phase: Phase, spec: RowSpec, drive: Extract<Drive, { loop: 'flood' }>, server: ServerUnderTest): Promise<BenchRow> {
  await phase.settledProviderCalls();
  await phase.emulator.call('resetCalls');
  await resetUsage(server);
  const result = await driveFlood(server.url, drive);
  const usage = await usageOf(server);
  const callTimes = await phase.emulator.call<Array<[string, number]>>('sessionCallTimes');
  const served = result.reads.filter((read) => read.ok).map((read) => read.latencyMs);
  const all = result.reads.map((read) => read.latencyMs);
  const answers = result.reads.length + result.floodAnswers;
  return {
    ...rowIdentity(spec),
    connections: drive.floodRequests,
    requestsPerSecond: served.length / drive.durationSeconds,
    p50Ms: percentileOf(served, 0.5),
    p99Ms: percentileOf(served, 0.99),
    providerCallsPerRequest: answers === 0 ? 0 : callTimes.length / answers,
    errors: result.reads.length - served.length,
    completed: served.length,
    cpuMsPerRequest: answers === 0 ? 0 : usage.cpuMicros / 1000 / answers,
    peakRssMb: usage.peakRssBytes / 1024 / 1024,
    flood: {
      floodRequests: drive.floodRequests,
      idsPerRequest: drive.idsPerRequest,
      budgetPerSecond: sessionEndpointBudgetPerSecond,
      probes: result.reads.length,
      probesServed: served.length,
      probeP50Ms: percentileOf(all, 0.5),
      probeMaxMs: Math.max(0, ...all),
      floodAnswers: result.floodAnswers,
      providerCallsPerSecond: callTimes.length / ((result.endedAt - result.startedAt) / 1000),
    },
  };
}

async function measureClosedLoop(
  phase: Phase,
  spec: RowSpec,
  drive: Extract<Drive, { loop: 'closed' }>,
  server: ServerUnderTest,
): Promise<BenchRow> {
  const load = spec.load();
  const run = (seconds: number) =>
    drive.connections === 1
      ? driveOneAtATime(server.url, load, seconds)
      : driveConcurrently(server.url, load, drive.connections, seconds, drive.ratePerSecond);

  if (!spec.cold) await run(warmupSeconds);
  await phase.settledProviderCalls();
  await phase.emulator.call('resetCalls');
  await resetUsage(server);
  const result = await run(durationSeconds);
  const providerCalls = await phase.settledProviderCalls();
  const usage = await usageOf(server);
  return {
    ...rowIdentity(spec),
    connections: drive.connections,
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

/** Open loop: one continuous schedule, the first `warmupSeconds` of it not measured. */
async function measureOpenLoop(
  phase: Phase,
  spec: RowSpec,
  drive: Extract<Drive, { loop: 'open' }>,
  server: ServerUnderTest,
): Promise<BenchRow> {
  await phase.settledProviderCalls();
  await phase.emulator.call('resetCalls');
  let usageReset: Promise<unknown> = Promise.resolve();
  const run = await driveOpenLoop(server.url, spec.load(), {
    ...drive,
    onMeasureStart: () => {
      usageReset = resetUsage(server);
    },
  });
  await usageReset;
  const usage = await usageOf(server);
  const callTimes = await phase.emulator.call<Array<[string, number]>>('sessionCallTimes');
  const rateLimitedTimes = await phase.emulator.call<number[]>('rateLimitedCallTimes');
  const measured = run.requests.filter((request) => request.measured);
  const served = measured.filter((request) => request.ok).map((request) => request.latencyMs).sort((a, b) => a - b);
  // Calls made for the measured requests: for their sessions, from the measured time on.
  const measuredSessions = new Set(measured.map((request) => request.sessionId ?? ''));
  const callsForMeasured = callTimes.filter(([sessionId, at]) => at >= run.measuredFrom && measuredSessions.has(sessionId)).length;
  const due = measured.length + run.unanswered;
  return {
    ...rowIdentity(spec),
    connections: 0,
    offeredPerSecond: drive.ratePerSecond,
    requestsPerSecond: served.length / drive.durationSeconds,
    p50Ms: percentileOf(served, 0.5),
    p99Ms: percentileOf(served, 0.99),
    providerCallsPerRequest: due === 0 ? 0 : callsForMeasured / due,
    errors: due - served.length,
    completed: served.length,
    cpuMsPerRequest: served.length === 0 ? 0 : usage.cpuMicros / 1000 / served.length,
    peakRssMb: usage.peakRssBytes / 1024 / 1024,
    ...(spec.rateBudgetVariant
      ? {
          rateBudget: rateBudgetFigures(run, callTimes, rateLimitedTimes, {
            variant: spec.rateBudgetVariant,
            providerLatencyMs: spec.latencyMs,
            offeredPerSecond: drive.ratePerSecond,
            durationSeconds: drive.durationSeconds,
            rateLimitPerSecond: sessionEndpointBudgetPerSecond,
          }),
        }
      : {}),
  };
}

/** The subgraph's default budget for Stripe's session endpoint, with a test key or a live one, as the README documents it. */
const sessionEndpointBudgetPerSecond = 20;

interface Usage {
  peakRssBytes: number;
  cpuMicros: number;
}

async function resetUsage(server: ServerUnderTest): Promise<void> {
  await Promise.all(server.processes.map((process) => process.call('resetUsage')));
}

/** CPU of every process serving the row, a proxy included; memory of the largest one. */
async function usageOf(server: ServerUnderTest): Promise<Usage> {
  const usages = await Promise.all(server.processes.map((process) => process.call<Usage>('usage')));
  return {
    cpuMicros: usages.reduce((sum, each) => sum + each.cpuMicros, 0),
    peakRssBytes: Math.max(...usages.map((each) => each.peakRssBytes)),
  };
}

function rowIdentity(spec: RowSpec): Pick<BenchRow, 'id' | 'scenario' | 'server' | 'cache' | 'providerLatencyMs'> {
  return { id: spec.id, scenario: spec.scenario, server: spec.server, cache: spec.cache, providerLatencyMs: spec.latencyMs };
}

/** Enough distinct final sessions that their JSON passes the read cache's default byte bound (16 MiB; a bench session is about 3 KB). */
const fillCacheSessionCount = 8_000;
const fillCacheParallelRequests = 8;

/** Asks for `fillCacheSessionCount` distinct final sessions, 100 per `_entities` request. */
async function fillReadCache(url: string): Promise<void> {
  const load = fillCacheLoad(fillCacheSessionCount, (index) => benchSessionId(2 * index));
  for (let sent = 0; sent < load.requests; sent += fillCacheParallelRequests) {
    await Promise.all(
      Array.from({ length: Math.min(fillCacheParallelRequests, load.requests - sent) }, async () => {
        const next = load.next();
        const response = await request(new URL(next.path, url), { method: next.method, headers: next.headers, body: next.body });
        await response.body.dump();
      }),
    );
  }
}

const runStartedAt = Date.now();

async function main(): Promise<void> {
  buildServers();
  const rows: BenchRow[] = [];
  const phaseOf = (spec: RowSpec) => `${spec.latencyMs} ${spec.stripeMode ?? 'test'}`;
  for (const phaseKey of [...new Set(rowSpecs.map(phaseOf))]) {
    const [first] = rowSpecs.filter((candidate) => phaseOf(candidate) === phaseKey);
    const phase = await Phase.start(first!.latencyMs, first!.stripeMode ?? 'test');
    try {
      for (const spec of rowSpecs.filter((candidate) => phaseOf(candidate) === phaseKey)) {
        process.stderr.write(`running ${spec.scenario} (${spec.server})\n`);
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
    options: { durationSeconds, warmupSeconds, providerLatencyMs: latencyMs, providerConcurrency, subgraphNodeFlags },
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
  const budgets = formatRateBudgets(rows);
  if (budgets) console.log(`\n${budgets}`);
  console.log(`\n${formatTargets(targets)}\n`);
  console.log(`JSON: ${jsonPath}`);
  if (args.profile) await printProfileSummaries();
}

/** Where each server's CPU went, by layer, from the profiles this run wrote. */
async function printProfileSummaries(): Promise<void> {
  const profilesDirectory = fileURLToPath(new URL('profiles/', outputDirectory));
  for (const role of (await readdir(profilesDirectory)).sort()) {
    for (const { file, shares } of await summarizeProfiles(path.join(profilesDirectory, role), runStartedAt)) {
      console.log(`\nCPU by layer, ${role} (${file}):`);
      for (const { layer, percent } of shares) console.log(`${percent.toFixed(1).padStart(6)}%  ${layer}`);
    }
  }
}

await main();
