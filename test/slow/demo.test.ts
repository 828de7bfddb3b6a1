import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossSubgraphQuery } from '../../examples/orders-subgraph/example-orders.js';
import { postGraphQL } from '../support/harness.js';

/** True while any process of the group is alive. */
function groupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run demo', () => {
  const groups: number[] = [];
  afterAll(() => {
    for (const groupId of groups) if (groupAlive(groupId)) process.kill(-groupId, 'SIGKILL');
  });

  it.each<[string, NodeJS.Signals, 'group' | 'npm']>([
    ['Ctrl-C (SIGINT to the terminal\'s process group)', 'SIGINT', 'group'],
    ['SIGTERM to npm alone', 'SIGTERM', 'npm'],
  ])('answers through its gateway, and on %s stops every process it started with status 0', async (_case, signal, target) => {
    const demo = spawn('npm', ['run', 'demo', '--silent'], {
      // Its own process group, as a terminal gives it; only what a shell needs is inherited.
      detached: true,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', PORT: '0', ORDERS_PORT: '0', GATEWAY_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const groupId = demo.pid!;
    groups.push(groupId);
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(demo, 'exit');
    let gatewayUrl: string | undefined;
    for (let waited = 0; waited < 40_000 && !gatewayUrl && demo.exitCode === null; waited += 100) {
      gatewayUrl = /^gateway\s+(http\S+)/m.exec(output)?.[1];
      await delay(100);
    }
    expect(gatewayUrl, output).toBeDefined();
    const answer = await postGraphQL(gatewayUrl!, { query: crossSubgraphQuery });
    expect(answer.data?.orders.length).toBeGreaterThan(0);

    process.kill(target === 'group' ? -groupId : groupId, signal);

    expect(await exited).toEqual([0, null]);
    expect(output).toContain('"msg":"stopped"');
    for (let waited = 0; waited < 5_000 && groupAlive(groupId); waited += 50) await delay(50);
    expect(groupAlive(groupId)).toBe(false);
  }, 60_000);
});

describe('npm run demo with a port mistake', () => {
  let occupied: Server;
  let occupiedPort: number;

  beforeAll(async () => {
    occupied = createServer();
    await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
    occupiedPort = (occupied.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => occupied?.close(resolve)));

  /** Runs the demo to its end; what a person at the terminal sees. */
  async function runDemo(ports: Record<string, string>) {
    const demo = spawn('npm', ['run', 'demo', '--silent'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', ORDERS_PORT: '0', GATEWAY_PORT: '0', ...ports },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    demo.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(demo, 'exit');
    return { code, stdout, stderrLines: stderr.trimEnd().split('\n') };
  }

  it.each([
    ['GATEWAY_PORT', 4000],
    ['ORDERS_PORT', 4002],
  ])('with %s in use, exits 1 with one plain line naming it, as PORT does', async (variable, usual) => {
    const { code, stdout, stderrLines } = await runDemo({ [variable]: String(occupiedPort) });

    expect(code).toBe(1);
    expect(stderrLines).toEqual([`${variable}=${occupiedPort} is already in use on HOST=127.0.0.1: stop what listens there or choose another port, for example ${variable}=${usual}`]);
    expect(stdout).toBe('');
  }, 60_000);

  it('with GATEWAY_PORT=abc, exits 1 with one plain line saying what it must be', async () => {
    const { code, stdout, stderrLines } = await runDemo({ GATEWAY_PORT: 'abc' });

    expect(code).toBe(1);
    expect(stderrLines).toEqual(['GATEWAY_PORT is not a port number from 0 to 65535; for example GATEWAY_PORT=4000']);
    expect(stdout).toBe('');
  }, 60_000);
});
