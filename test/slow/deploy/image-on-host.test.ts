import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDockerfile } from '../../support/dockerfile.js';
import { postGraphQL } from '../../support/harness.js';
import { buildOnHost, hostRunAccount, type HostImage } from '../../support/host-image.js';

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, '../../..');

describe('the container image, its Dockerfile steps repeated on the host', () => {
  let buildFolder: string;
  let image: HostImage;

  beforeAll(async () => {
    buildFolder = await mkdtemp(path.join(tmpdir(), 'payments-image-'));
    image = await buildOnHost(readDockerfile(path.join(projectRoot, 'Dockerfile')), {
      context: projectRoot,
      into: buildFolder,
      nodeModules: path.join(projectRoot, 'node_modules'),
    });
  }, 60_000);
  afterAll(async () => {
    await run('chmod', ['-R', 'u+w', buildFolder]);
    await rm(buildFolder, { recursive: true, force: true });
  });

  it('installs production dependencies only: no esbuild, TypeScript, tsx or vitest in the image', () => {
    const installed = (name: string) => existsSync(path.join(image.workdir, 'node_modules', name));
    expect(installed('@apollo/server')).toBe(true);
    expect(['esbuild', 'typescript', 'tsx', 'vitest'].filter(installed)).toEqual([]);
  });

  it('starts from a read-only copy as a non-root user in sandbox mode, answers the first query, passes its health check and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const account = hostRunAccount();
    // The image's own ENV (NODE_ENV=production): sandbox mode only because SANDBOX=true asks for it.
    const environment = { ...image.environment, PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', SANDBOX: 'true' };
    const [program, ...programArguments] = image.command;
    expect(program).toBe('node');
    expect(image.user).toBeDefined();

    const subgraph = spawn(process.execPath, programArguments, {
      cwd: image.workdir,
      env: environment,
      ...account,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    subgraph.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    subgraph.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(subgraph, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      await waitUntilHealthy(`http://127.0.0.1:${port}/health`, subgraph, () => output);

      const result = await postGraphQL(`http://127.0.0.1:${port}/graphql`, {
        query: `{ checkoutSession(id: "cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u") {
          id provider status amountTotal { amount currency decimal }
        } }`,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        checkoutSession: {
          id: 'cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u',
          provider: 'STRIPE',
          status: 'OPEN',
          amountTotal: { amount: 2198, currency: 'USD', decimal: '21.98' },
        },
      });
      expect(await runHealthcheck(image, environment, account)).toBe(0);

      subgraph.kill(image.stopSignal ?? 'SIGTERM');
      // Within the default SHUTDOWN_TIMEOUT_MS of 10 s, with a margin.
      const exit = await Promise.race([exited.then(([code, signal]) => ({ code, signal })), delay(15_000, 'still running')]);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(await runHealthcheck(image, environment, account)).toBe(1);
    } finally {
      if (subgraph.exitCode === null && subgraph.signalCode === null) subgraph.kill('SIGKILL');
    }
  }, 45_000);
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (child.exitCode !== null) break;
    const healthy = await request(url).then(
      (response) => response.body.dump().then(() => response.statusCode === 200),
      () => false,
    );
    if (healthy) return;
    await delay(100);
  }
  throw new Error(`the image's command did not become healthy:\n${output()}`);
}

/** Runs the Dockerfile's HEALTHCHECK command as the container would, and returns its exit code. */
async function runHealthcheck(image: HostImage, environment: NodeJS.ProcessEnv, account: { uid: number; gid: number }) {
  const [program, ...programArguments] = image.healthcheck ?? [];
  expect(program).toBe('node');
  const check = spawn(process.execPath, programArguments, { cwd: image.workdir, env: environment, ...account, stdio: 'ignore' });
  const [code] = (await once(check, 'exit')) as [number | null];
  return code;
}
