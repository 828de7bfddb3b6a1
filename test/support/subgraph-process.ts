import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface SubgraphBuild {
  /** The compiled entry point, as `npm start` runs it from `dist/`. */
  entry: string;
  remove(): Promise<void>;
}

/**
 * Builds the subgraph the way `npm start` does (`npm run build`, then `node dist/<entry>`),
 * into a folder of its own so that a `dist/` some server is running from is never rebuilt
 * under it. The folder sits under `node_modules/.cache/` so the compiled files still find
 * the project's packages and its `"type": "module"`. Throws if `npm start` is no longer
 * that command, rather than testing something else.
 */
export async function buildSubgraph(): Promise<SubgraphBuild> {
  const { scripts } = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const entry = /^(?:exec )?node dist\/(\S+)$/.exec(scripts.start ?? '')?.[1];
  if (scripts.prestart !== 'npm run build --silent' || entry === undefined) {
    throw new Error(`npm start is no longer "npm run build" then "node dist/...": ${JSON.stringify(scripts)}`);
  }
  const cache = join(projectRoot, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const folder = await mkdtemp(join(cache, 'subgraph-build-'));
  await promisify(execFile)('npm', ['run', 'build', '--silent', '--', `--outdir=${folder}`], { cwd: projectRoot });
  return { entry: join(folder, entry), remove: () => rm(folder, { recursive: true, force: true }) };
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
  build: SubgraphBuild,
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
