import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
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
