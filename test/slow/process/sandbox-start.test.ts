import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledSubgraph, startSubgraphProcess, type SubgraphProcess } from '../../support/subgraph-process.js';

const run = promisify(execFile);

/** The lines of the banner a person would copy: each is one `curl` command. */
const suggestedCommands = (banner: string) =>
  banner
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('curl '));

describe('npm start without a provider key', () => {
  const build = compiledSubgraph();
  const running: SubgraphProcess[] = [];

  afterAll(() => {
    for (const subgraph of running) subgraph.kill('SIGKILL');
  });

  const start = (environment: Record<string, string> = {}) => {
    const subgraph = startSubgraphProcess(build, { PORT: '0', HOST: '127.0.0.1', ...environment });
    running.push(subgraph);
    return subgraph;
  };

  it('prints curl commands that, pasted into a shell as printed, answer with both providers\' example sessions and follow a BLIK payment as it settles; then Ctrl-C stops it', { timeout: 60_000 }, async () => {
    const subgraph = start();
    await subgraph.ready();
    await subgraph.waitUntil(() => suggestedCommands(subgraph.stderr()).length === 3, 'three curl commands');

    const commands = suggestedCommands(subgraph.stderr());
    expect(subgraph.stderr()).toContain('SANDBOX MODE');
    expect(commands).toHaveLength(3);
    const [stream, ...answers] = await Promise.all([
      run('sh', ['-c', commands[2]!]).then(({ stdout }) => stdout),
      ...commands.slice(0, 2).map(async (command) => JSON.parse((await run('sh', ['-c', command])).stdout)),
    ]);

    // The README's moving session: a BLIK payment of 89.50 PLN, pending at the bank, settled some seconds later,
    // which the emulator's signed webhook tells the subgraph; the stream then completes.
    const events = stream!.split('\n').filter((line: string) => line.startsWith('data: {')).map((line: string) => JSON.parse(line.slice('data: '.length)));
    expect(events.map((event: any) => event.data.checkoutSessionUpdated.status)).toEqual(['PENDING', 'COMPLETE']);
    expect(events[1].data.checkoutSessionUpdated).toEqual({
      id: 'MvG4-BlikSettlesSoon01',
      status: 'COMPLETE',
      paymentStatus: 'PAID',
      amountTotal: { decimal: '89.50', currency: 'PLN' },
    });
    expect(stream).toContain('event: complete');
    await subgraph.waitForOutput('"msg":"webhook verified"');

    // The README's examples: a Stripe session of 21.98 USD, and a BLIK session of 126.20 PLN
    // with 25.00 refunded, a 1.20 processing fee and a 5.00 discount.
    expect(answers[0]).toEqual({
      data: {
        checkoutSession: {
          id: 'cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u',
          status: 'OPEN',
          amountTotal: { amount: 2198, currency: 'USD', decimal: '21.98' },
        },
      },
    });
    expect(answers[1]).toMatchObject({
      data: {
        checkoutSession: {
          id: 'CmP1_Order2001PaidBlik',
          provider: 'CONVERGE_GATE',
          status: 'COMPLETE',
          amountTotal: { decimal: '126.20', currency: 'PLN' },
          refunds: expect.arrayContaining([{ amount: { decimal: '25.00' }, status: 'SUCCEEDED' }]),
          fees: [
            { description: expect.any(String), amount: { decimal: '1.20' } },
            { description: expect.any(String), amount: { decimal: '-5.00' } },
          ],
        },
      },
    });
    expect(subgraph.stdout()).not.toContain('curl');

    subgraph.kill('SIGINT');
    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
    expect(subgraph.stdout()).toContain('"msg":"stopped"');
  });

  it('invites a browser to Apollo Sandbox at the URL it serves the page on', async () => {
    const subgraph = start();
    const url = await subgraph.ready();
    await subgraph.waitForOutput('Apollo Sandbox.');

    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    expect(subgraph.stderr()).toContain(`open ${url} in a browser for Apollo Sandbox`);
    subgraph.kill('SIGTERM');
    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
  });

  it('serves the emulator in production only when SANDBOX=true says so, and then suggests no Sandbox page, which production turns off', async () => {
    const subgraph = start({ NODE_ENV: 'production', SANDBOX: 'true', ROUTER_SECRET: '' });
    const url = await subgraph.ready();
    await subgraph.waitUntil(() => suggestedCommands(subgraph.stderr()).length === 3, 'three curl commands');

    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.status).not.toBe(200);
    expect(subgraph.stderr()).toContain('SANDBOX MODE');
    expect(subgraph.stdout() + subgraph.stderr()).not.toMatch(/browser|Apollo Sandbox/);
    const answers = await Promise.all(suggestedCommands(subgraph.stderr()).slice(0, 2).map(async (command) => JSON.parse((await run('sh', ['-c', command])).stdout)));
    expect(answers.map((answer) => answer.data?.checkoutSession?.id)).toEqual(['cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u', 'CmP1_Order2001PaidBlik']);

    subgraph.kill('SIGTERM');
    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
  });

  it('with ROUTER_SECRET set, prints curl commands that send it from the shell\'s ROUTER_SECRET, never the secret itself', async () => {
    const routerSecret = `router_${randomBytes(16).toString('hex')}`;
    const subgraph = start({ ROUTER_SECRET: routerSecret });
    await subgraph.ready();
    await subgraph.waitUntil(() => suggestedCommands(subgraph.stderr()).length === 3, 'three curl commands');

    const commands = suggestedCommands(subgraph.stderr()).slice(0, 2);
    const shell = { PATH: process.env.PATH, ROUTER_SECRET: routerSecret };
    const answers = await Promise.all(commands.map(async (command) => JSON.parse((await run('sh', ['-c', command], { env: shell })).stdout)));
    expect(answers.map((answer) => answer.data?.checkoutSession?.id)).toEqual(['cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u', 'CmP1_Order2001PaidBlik']);
    expect(subgraph.stderr()).toContain('export it first');
    expect(subgraph.stdout() + subgraph.stderr()).not.toContain(routerSecret);
    // The page would answer a browser 401: it sends no Router-Secret.
    expect(subgraph.stderr()).not.toContain('in a browser');

    subgraph.kill('SIGTERM');
    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
  });
});
