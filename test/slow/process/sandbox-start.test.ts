import { execFile } from 'node:child_process';
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

  it('prints curl commands that, pasted into a shell as printed, answer with both providers\' example sessions; then Ctrl-C stops it', async () => {
    const subgraph = start();
    await subgraph.ready();
    await subgraph.waitUntil(() => suggestedCommands(subgraph.stderr()).length === 2, 'two curl commands');

    const commands = suggestedCommands(subgraph.stderr());
    expect(subgraph.stderr()).toContain('SANDBOX MODE');
    expect(commands).toHaveLength(2);
    const answers = await Promise.all(commands.map(async (command) => JSON.parse((await run('sh', ['-c', command])).stdout)));

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

  it('serves the emulator in production only when SANDBOX=true says so', async () => {
    const subgraph = start({ NODE_ENV: 'production', SANDBOX: 'true' });
    await subgraph.ready();
    await subgraph.waitForOutput('SANDBOX MODE');

    subgraph.kill('SIGTERM');
    expect(await subgraph.exited).toEqual({ code: 0, signal: null });
  });
});
