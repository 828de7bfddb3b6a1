import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledSubgraph, startSubgraphProcess, type SubgraphProcess } from '../../support/subgraph-process.js';

describe('the compiled subgraph started with a configuration mistake', () => {
  const build = compiledSubgraph();
  let occupied: Server;
  let occupiedPort: number;
  const started: SubgraphProcess[] = [];

  beforeAll(async () => {
    occupied = createServer();
    await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
    occupiedPort = (occupied.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const subgraph of started) subgraph.kill('SIGKILL');
    await new Promise((resolve) => occupied?.close(resolve));
  });

  /** Runs the subgraph to its end and returns what a person at the terminal sees. */
  async function startAndFail(environment: Record<string, string>) {
    const subgraph = startSubgraphProcess(build, { LOG_LEVEL: 'info', ...environment });
    started.push(subgraph);
    const exit = await subgraph.exited;
    return { exit, stdout: subgraph.stdout(), stderrLines: subgraph.stderr().trimEnd().split('\n') };
  }

  it.each([
    ['PORT=abc', { PORT: 'abc' }, /^PORT is not a port number .*; for example PORT=4001$/],
    ['CORS_ORIGINS without a scheme', { CORS_ORIGINS: 'example.com' }, /^CORS_ORIGINS is not .*; for example CORS_ORIGINS=https:\/\/\S+$/],
    ['STRIPE_API_VERSION=latest', { STRIPE_API_VERSION: 'latest' }, /^STRIPE_API_VERSION is not .*YYYY-MM-DD.*; for example STRIPE_API_VERSION=2026-07-29\.dahlia$/],
    ['NODE_ENV=production without a key', { NODE_ENV: 'production' }, /^STRIPE_SECRET_KEY or CONVERGEGATE_SECRET_KEY is required when NODE_ENV=production.*SANDBOX=true/],
    ['CONVERGEGATE_API_URL without its key', { CONVERGEGATE_API_URL: 'https://pay.example.com' }, /^CONVERGEGATE_SECRET_KEY is required when CONVERGEGATE_API_URL is set/],
    ['STRIPE_API_URL over plain http', { STRIPE_SECRET_KEY: 'sk_live_startupTest', STRIPE_API_URL: 'http://api.stripe.com' }, /^STRIPE_API_URL is not an https URL \(plain http only on localhost\); for example STRIPE_API_URL=https:\/\/api\.stripe\.com$/],
    ['NODE_ENV=prod', { NODE_ENV: 'prod', STRIPE_SECRET_KEY: 'sk_live_startupTest' }, /^NODE_ENV=prod is not production: .*for example NODE_ENV=production$/],
    ['NODE_ENV=PRODUCTION', { NODE_ENV: 'PRODUCTION', STRIPE_SECRET_KEY: 'sk_live_startupTest' }, /^NODE_ENV=PRODUCTION is not production: /],
    ['STRIPE_WEBHOOK_SECRET without a Stripe key', { CONVERGEGATE_SECRET_KEY: 'sk_live_startupTest', CONVERGEGATE_API_URL: 'https://pay.example.com', STRIPE_WEBHOOK_SECRET: 'whsec_startupTest' }, /^STRIPE_WEBHOOK_SECRET is set but STRIPE_SECRET_KEY is not: /],
    ['a short ROUTER_SECRET', { ROUTER_SECRET: 'letmein' }, /^ROUTER_SECRET is shorter than 16 characters .*openssl rand -hex 32/],
  ])('with %s, exits 1 with one plain line saying what to set, having started nothing', async (_case, environment, line) => {
    const { exit, stdout, stderrLines } = await startAndFail({ PORT: '0', HOST: '127.0.0.1', ...environment });

    expect(exit).toEqual({ code: 1, signal: null });
    expect(stderrLines).toEqual([expect.stringMatching(line)]);
    expect(stdout).toBe('');
  });

  it('with a PORT already in use, exits 1 with one plain line naming PORT, before the sandbox emulator or Apollo start', async () => {
    const { exit, stdout, stderrLines } = await startAndFail({ PORT: String(occupiedPort), HOST: '127.0.0.1' });

    expect(exit).toEqual({ code: 1, signal: null });
    expect(stderrLines).toEqual([expect.stringMatching(new RegExp(`^PORT=${occupiedPort} is already in use .*for example PORT=\\d+$`))]);
    expect(stdout).toBe('');
  });

  it.each([
    ['a host name that does not resolve', 'not-a-host.invalid'],
    ['an address of another machine', '192.0.2.1'],
  ])('with HOST set to %s, exits 1 with one plain line naming HOST', async (_case, host) => {
    const { exit, stdout, stderrLines } = await startAndFail({ PORT: '0', HOST: host });

    expect(exit).toEqual({ code: 1, signal: null });
    expect(stderrLines).toEqual([expect.stringMatching(new RegExp(`^HOST=${host.replaceAll('.', '\\.')} is not .*for example HOST=0\\.0\\.0\\.0`))]);
    expect(stdout).toBe('');
  });
});

describe('the compiled subgraph started with a setting that works but deserves a word', () => {
  const build = compiledSubgraph();
  const started: SubgraphProcess[] = [];

  afterAll(() => {
    for (const subgraph of started) subgraph.kill('SIGKILL');
  });

  /** The messages of its `warn` log lines, the sandbox mode notice aside. */
  const warnings = (stdout: string) =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((entry) => entry.level === 40 && !entry.msg.startsWith('sandbox mode'))
      .map((entry) => entry.msg);

  it.each([
    ['NODE_ENV=staging', { NODE_ENV: 'staging' }, /^NODE_ENV=staging is not production, development or test: running as development/],
    ['NODE_ENV=production without ROUTER_SECRET', { NODE_ENV: 'production', SANDBOX: 'true' }, /^ROUTER_SECRET is not set: anyone who reaches this subgraph's port can query it/],
    ['REDIS_URL to a host that does not resolve', { REDIS_URL: 'redis://:s3cretRedisPassword@no-such-redis.invalid:6379' }, /^REDIS_URL names the host no-such-redis\.invalid, which does not resolve/],
  ])('with %s, starts and logs one warn line saying so', async (_case, environment, line) => {
    const subgraph = startSubgraphProcess(build, { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...environment });
    started.push(subgraph);
    await subgraph.ready();
    await subgraph.waitUntil(() => warnings(subgraph.stdout()).length > 0, 'a warn line');

    subgraph.kill('SIGTERM');
    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
    expect(warnings(subgraph.stdout())).toEqual([expect.stringMatching(line)]);
    expect(subgraph.stdout() + subgraph.stderr()).not.toContain('s3cretRedisPassword');
  });
});
