import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

export interface SubgraphProcess {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `src/main.ts` in a process of its own (through tsx; `npm start` runs the same code
 * compiled), configured by `environment` alone, once its ready line is logged.
 */
export async function startSubgraphProcess(environment: Record<string, string>): Promise<SubgraphProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  for (let waited = 0; waited < 20_000; waited += 50) {
    const ready = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(output);
    if (ready) return { url: ready[1]!, output: () => output, stop };
    if (child.exitCode !== null) break;
    await delay(50);
  }
  await stop();
  throw new Error(`the subgraph process did not start:\n${output}`);
}
