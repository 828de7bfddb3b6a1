import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { BenchRow, TargetCheck } from './report.js';

const run = promisify(execFile);

/** Runs `npm run bench`'s script with `args`, and returns what it printed and the report it wrote as JSON. */
async function runBench(args: string[], timeoutMs: number): Promise<{ stdout: string; report: { rows: BenchRow[]; targets: TargetCheck[] } }> {
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-'));
  const jsonPath = path.join(directory, 'bench.json');
  try {
    const { stdout } = await run('npx', ['tsx', 'test/slow/bench/run-bench.ts', ...args, '--json', jsonPath], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      timeout: timeoutMs,
    });
    return { stdout, report: JSON.parse(await readFile(jsonPath, 'utf8')) };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

describe('npm run bench', () => {
  it('prints the table, writes it as JSON, and counts exactly 50 provider calls per one-at-a-time _entities request', async () => {
    const { stdout, report } = await runBench(['--duration', '2', '--latency', '5', '--only', 'c'], 60_000);
    expect(stdout).toContain('(c) the same, one at a time');
    expect(stdout).toContain('calls/req');

    expect(report.rows.map((row) => row.id)).toEqual(['c', 'c1', 'd1']);
    for (const row of report.rows) {
      expect(row.completed).toBeGreaterThan(0);
      expect(row.errors).toBe(0);
      for (const value of [row.requestsPerSecond, row.p50Ms, row.p99Ms, row.cpuMsPerRequest, row.peakRssMb]) {
        expect(Number.isFinite(value) && value > 0).toBe(true);
      }
    }
    expect(report.rows.find((row) => row.id === 'c1')?.providerCallsPerRequest).toBe(50);
    expect(report.targets.find((check) => check.target.startsWith('(c) provider calls'))?.met).toBe(true);
  }, 60_000);

  it('runs rows (e): one process, then two replicas behind a round-robin proxy without and with a shared Redis, answering every request', async () => {
    const { stdout, report } = await runBench(['--duration', '0.5', '--latency', '5', '--only', 'e'], 60_000);
    expect(stdout).toContain('(e) the same on two replicas sharing Redis');
    expect(stdout).toContain('hit ratio');
    expect(report.rows.map((row) => [row.id, row.server])).toEqual([
      ['b-rate', 'subgraph'],
      ['e-solo', 'two replicas'],
      ['e', 'two replicas'],
    ]);
    for (const row of report.rows) {
      expect(row.completed).toBeGreaterThan(0);
      expect(row.errors).toBe(0);
      expect(row.providerCallsPerRequest).toBeGreaterThan(0);
      expect(row.providerCallsPerRequest).toBeLessThan(1);
    }
  }, 60_000);

  it('sends scenario (f) on a fixed schedule to the subgraph and the pass-through alike, and compares their p50 and p99', async () => {
    const { stdout, report } = await runBench(['--duration', '1', '--latency', '5', '--only', 'f'], 60_000);
    expect(stdout).toContain('open 200/s');

    expect(report.rows.map((row) => row.id)).toEqual(['d-f', 'f']);
    for (const row of report.rows) {
      expect(row.offeredPerSecond).toBe(200);
      expect(row.errors).toBe(0);
      // One second at 200 requests/s, every one answered.
      expect(row.completed).toBe(200);
      // Calls are counted by when they reach the provider, so a few cross the window's edges.
      expect(row.providerCallsPerRequest).toBeCloseTo(1, 1);
    }
    expect(report.targets.filter((check) => check.target.startsWith('(f)')).map((check) => check.met === null)).toEqual([false, false]);
  }, 60_000);

  it('runs scenario (g): the surge with a test key and a live key, on one process and two replicas sharing Redis, and the flood', async () => {
    const { stdout, report } = await runBench(['--duration', '0.5', '--latency', '5', '--only', 'g'], 110_000);
    expect(stdout).toContain('known p50/p99 ms');
    expect(stdout).toContain('(g) flood');

    expect(report.rows.map((row) => [row.id, row.server])).toEqual([
      ['g', 'subgraph'],
      ['g-fleet', 'two replicas'],
      ['g-flood', 'subgraph'],
      ['g-live', 'subgraph'],
      ['g-fleet-live', 'two replicas'],
    ]);
    for (const row of report.rows.filter((candidate) => candidate.id !== 'g-flood')) {
      // 0.5 s at 40 requests/s, then 1.5 s at 150 requests/s measured.
      expect(row.offeredPerSecond).toBe(150);
      expect(row.rateBudget!.servedShare).toBeGreaterThan(0);
      expect(row.rateBudget!.maxProviderCallsInOneSecond).toBeGreaterThan(0);
    }
    const flood = report.rows.find((row) => row.id === 'g-flood')!.flood!;
    expect(flood).toMatchObject({ floodRequests: 45, idsPerRequest: 20, budgetPerSecond: 20 });
    expect(flood.probes).toBeGreaterThan(0);
    // Every target of the surge is judged for every variant, and the flood's once.
    const judged = report.targets.filter((check) => check.target.startsWith('(g)') && check.met !== null);
    expect(judged).toHaveLength(4 * 6 + 1);
  }, 120_000);
});
