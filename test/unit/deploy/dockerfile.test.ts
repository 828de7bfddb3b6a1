import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDockerfile, readDockerignore, type DockerInstruction, type DockerStage } from '../../support/dockerfile.js';

const projectRoot = path.resolve(import.meta.dirname, '../../..');
const stages = readDockerfile(path.join(projectRoot, 'Dockerfile'));
const runtime = stages.at(-1)!;
const build = stages.find((stage) => stage !== runtime && stage.instructions.some((step) => step.text === 'npm run build'));
const all = (stage: DockerStage, keyword: string) => stage.instructions.filter((step) => step.keyword === keyword);
const last = (stage: DockerStage, keyword: string): DockerInstruction | undefined => all(stage, keyword).at(-1);

describe('the Dockerfile', () => {
  it('builds in two stages, both on Node.js 24 LTS slim', () => {
    expect(stages).toHaveLength(2);
    for (const stage of stages) expect(stage.image).toMatch(/^node:24(\.\d+){0,2}-(\w+-)?slim$/);
  });

  it('compiles once, in a build stage that installs the dev dependencies and runs npm run build', () => {
    expect(build).toBeDefined();
    const install = all(build!, 'RUN').find((step) => step.words[0] === 'npm' && step.words[1] === 'ci');
    expect(install?.words).not.toContain('--omit=dev');
  });

  it('ships production dependencies only, and from the build stage nothing but dist/', () => {
    const installs = all(runtime, 'RUN').filter((step) => step.words[0] === 'npm');
    expect(installs.map((step) => step.words.slice(0, 3))).toEqual([['npm', 'ci', '--omit=dev']]);
    const copies = all(runtime, 'COPY');
    expect(copies.filter((step) => step.flags.from !== undefined).map((step) => [step.flags.from, ...step.words])).toEqual([
      [build!.name, '/app/dist', './dist'],
    ]);
    expect(copies.filter((step) => step.flags.from === undefined).flatMap((step) => step.words.slice(0, -1))).toEqual([
      'package.json',
      'package-lock.json',
    ]);
  });

  it('starts node dist/src/main.js itself, in exec form so the process gets SIGTERM, with no npm start and no entrypoint', () => {
    expect(last(runtime, 'CMD')?.execForm).toEqual(['node', 'dist/src/main.js']);
    expect(all(runtime, 'ENTRYPOINT')).toEqual([]);
    expect(last(runtime, 'STOPSIGNAL')?.words).toEqual(['SIGTERM']);
  });

  it('runs as a non-root user who owns none of the files, so it cannot change them', () => {
    const user = last(runtime, 'USER')?.words[0];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user!.split(':')[0]);
    const steps = runtime.instructions.map((step) => step.keyword);
    expect(steps.lastIndexOf('USER')).toBeGreaterThan(Math.max(steps.lastIndexOf('RUN'), steps.lastIndexOf('COPY')));
    expect(all(runtime, 'COPY').filter((step) => step.flags.chown !== undefined || step.flags.chmod !== undefined)).toEqual([]);
  });

  it('checks /health with node, since the slim image has no curl', () => {
    const healthcheck = last(runtime, 'HEALTHCHECK')?.execForm;
    expect(healthcheck?.[0]).toBe('node');
    expect(healthcheck?.join(' ')).toContain('/health');
  });

  it('bakes in no secret: no ENV or ARG for a key or secret, and only NODE_ENV set', () => {
    const variables = stages.flatMap((stage) => [...all(stage, 'ENV'), ...all(stage, 'ARG')]).flatMap((step) => step.variables);
    expect(variables.filter(({ name }) => /secret|key|token|password/i.test(name))).toEqual([]);
    expect(all(runtime, 'ENV').flatMap((step) => step.variables)).toEqual([{ name: 'NODE_ENV', value: 'production' }]);
  });

  it('sends the build only what it copies: .env files, node_modules, dist, tests and git history stay out of the context', () => {
    const isIgnored = readDockerignore(projectRoot);
    const copiedFromContext = stages
      .flatMap((stage) => all(stage, 'COPY'))
      .filter((step) => step.flags.from === undefined)
      .flatMap((step) => step.words.slice(0, -1));
    expect(copiedFromContext.filter(isIgnored)).toEqual([]);
    expect(isIgnored('src/main.ts')).toBe(false);
    for (const leftOut of ['.env', '.env.production', 'src/.env', 'node_modules/esbuild/package.json', 'dist/src/main.js', 'test/e2e/webhooks.test.ts', '.git/config']) {
      expect(isIgnored(leftOut), leftOut).toBe(true);
    }
  });
});
