import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { convergeGateSeedExampleId } from '../src/emulator/data/convergegate-sessions.js';
import { stripeSeedExampleId } from '../src/emulator/data/stripe-sessions.js';
import { postGraphQL } from './support/harness.js';

describe('npm start without a provider key', () => {
  it('serves both providers\' example sessions from the built-in emulator and says it is in sandbox mode', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const environment: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'info' };
    delete environment.STRIPE_SECRET_KEY;
    delete environment.CONVERGEGATE_SECRET_KEY;
    const child = spawn('npm', ['start', '--silent'], { env: environment, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const healthy = await request(`${url}/health`).then(
          (response) => response.body.dump().then(() => response.statusCode === 200),
          () => false,
        );
        if (healthy) break;
        await delay(200);
      }
      const result = await postGraphQL(`${url}/graphql`, {
        query: `{
          stripe: checkoutSession(id: "${stripeSeedExampleId}") { id status amountTotal { amount currency decimal } }
          blik: checkoutSession(id: "${convergeGateSeedExampleId}") { provider amountTotal { decimal currency } refunds { id } }
        }`,
      });
      expect(result.data).toEqual({
        stripe: { id: stripeSeedExampleId, status: 'OPEN', amountTotal: { amount: 2198, currency: 'USD', decimal: '21.98' } },
        blik: { provider: 'CONVERGE_GATE', amountTotal: { decimal: '10.00', currency: 'PLN' }, refunds: [] },
      });
      expect(output).toContain('SANDBOX MODE');
      expect(output).toContain('curl');
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await once(child, 'exit');
    }
  });
});
