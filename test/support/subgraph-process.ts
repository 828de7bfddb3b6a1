import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { inject } from 'vitest';

export interface CompiledSubgraph {
  /** The compiled entry point, as `npm start` runs it from `dist/`. */
  entry: string;
}

/** The subgraph as compiled once for this run by `global-setup/compiled-subgraph.ts`. */
export function compiledSubgraph(): CompiledSubgraph {
  return { entry: inject('compiledSubgraphEntry') };
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SubgraphProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<ProcessExit>;
  /** Waits for the "ready" log line and returns the GraphQL URL it names. */
  ready(): Promise<string>;
  /** Waits until stdout or stderr contains the text. */
  waitForOutput(text: string): Promise<void>;
  /** Waits until the check holds, e.g. over what the process printed. */
  waitUntil(check: () => boolean, what: string): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Runs the compiled subgraph with plain Node and exactly the given environment: nothing is
 * inherited from the test runner (not its `NODE_ENV=test`, not a key from the shell).
 * Node's own options (`--env-file=...`) go before the entry point.
 */
export function startSubgraphProcess(
  build: CompiledSubgraph,
  environment: Record<string, string>,
  nodeOptions: string[] = [],
): SubgraphProcess {
  const child = spawn(process.execPath, [...nodeOptions, build.entry], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const waitFor = async <T>(find: () => T | undefined, what: string): Promise<T> => {
    for (let waited = 0; waited < 15_000; waited += 25) {
      const found = find();
      if (found !== undefined) return found;
      if (child.exitCode !== null || child.signalCode !== null) break;
      await delay(25);
    }
    const found = find();
    if (found !== undefined) return found;
    throw new Error(`the subgraph process never printed ${what}:\n${stdout}\n${stderr}`);
  };
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    ready: () => waitFor(() => /"url":"(http:\/\/[^"]+\/graphql)"[^\n]*payments subgraph ready/.exec(stdout)?.[1], 'its ready line'),
    waitForOutput: (text) => waitFor(() => (stdout.includes(text) || stderr.includes(text) ? true : undefined), JSON.stringify(text)).then(() => {}),
    waitUntil: (check, what) => waitFor(() => (check() ? true : undefined), what).then(() => {}),
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
