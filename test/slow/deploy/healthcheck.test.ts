import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readDockerfile } from '../../support/dockerfile.js';

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, '../../..');
const healthcheck = readDockerfile(path.join(projectRoot, 'Dockerfile'))
  .at(-1)!
  .instructions.find((step) => step.keyword === 'HEALTHCHECK')?.execForm;

/** Node's fetch replaced by one that prints the URL it was given and exits 0: where the probe would go. */
const printProbedUrl = `data:text/javascript,globalThis.fetch = async (url) => { process.stdout.write(String(url)); process.exit(0); };`;

async function probedUrl(environment: Record<string, string>): Promise<string> {
  const [program, ...programArguments] = healthcheck ?? [];
  expect(program).toBe('node');
  const { stdout } = await run(process.execPath, ['--import', printProbedUrl, ...programArguments], { env: environment });
  return stdout;
}

describe("the Dockerfile's HEALTHCHECK", () => {
  it.each([
    ['unset', {}, 'http://127.0.0.1:4001/health'],
    ['empty, which the subgraph reads as unset', { PORT: '' }, 'http://127.0.0.1:4001/health'],
    ['blank', { PORT: ' ' }, 'http://127.0.0.1:4001/health'],
    ['set', { PORT: '8080' }, 'http://127.0.0.1:8080/health'],
  ])('probes the port the subgraph listens on with PORT %s', async (_case, environment, url) => {
    expect(await probedUrl(environment)).toBe(url);
  });
});
