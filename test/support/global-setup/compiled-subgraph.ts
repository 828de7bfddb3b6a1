import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    /** The compiled entry point every process test of this run starts, built once. */
    compiledSubgraphEntry: string;
  }
}

let buildFolder: string | undefined;

/** Builds the subgraph once for the run, before any process test starts it. */
export async function setup(project: TestProject): Promise<void> {
  const { folder, entry } = await buildSubgraph();
  buildFolder = folder;
  project.provide('compiledSubgraphEntry', entry);
}

export async function teardown(): Promise<void> {
  if (buildFolder !== undefined) await rm(buildFolder, { recursive: true, force: true });
}

/**
 * Builds the subgraph the way `npm start` does (`npm run build`, then `node dist/<entry>`),
 * into a folder of its own so that a `dist/` some server is running from is never rebuilt
 * under it. The folder sits under `node_modules/.cache/` so the compiled files still find
 * the project's packages and its `"type": "module"`. Throws if `npm start` is no longer
 * that command, rather than testing something else.
 */
async function buildSubgraph(): Promise<{ folder: string; entry: string }> {
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
  return { folder, entry: join(folder, entry) };
}
