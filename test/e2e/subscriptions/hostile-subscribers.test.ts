import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { stripeExpiredId } from '../../../src/providers/stripe/emulator/sessions.js';
import { useHarness } from '../../support/harness.js';
import { heapAfterGc, megabytes } from '../../support/heap.js';

/** A subscription to one session selecting its status under `aliases` aliases, each document distinct by `mark`. */
function aliasedSubscription(aliases: number, mark: string, id = stripeExpiredId): string {
  const fields = Array.from({ length: aliases }, (_, index) => `${mark}${index}: status`).join(' ');
  return `subscription { checkoutSessionUpdated(id: "${id}") { ${fields} } }`;
}

/** Posts the subscription over SSE and reads the whole answer: its refusal, or its events to the `complete`. */
async function subscribeOverSseOnce(graphqlUrl: string, query: string): Promise<{ status: number; text: string }> {
  const response = await request(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query }),
  });
  return { status: response.statusCode, text: await response.body.text() };
}

describe('subscription documents a client cannot make the process hold', () => {
  const harness = useHarness();

  it('keeps nothing of refused documents: twenty of 20 000 aliases each leave the heap where it was', async () => {
    const before = heapAfterGc();
    for (let document = 0; document < 20; document += 1) {
      const { text } = await subscribeOverSseOnce(harness.graphqlUrl, aliasedSubscription(20_000, `r${document}_`));
      expect(text).toContain('Document contains more that 2000 tokens');
    }
    expect(megabytes(heapAfterGc() - before)).toBeLessThan(16);
  });

  it('keeps accepted documents within a bound: two hundred distinct ones, each subscribed and completed at once, hold at most a few MB', async () => {
    const before = heapAfterGc();
    for (let document = 0; document < 200; document += 1) {
      const { status, text } = await subscribeOverSseOnce(harness.graphqlUrl, aliasedSubscription(600, `a${document}_`));
      expect(status).toBe(200);
      expect(text).toContain('event: complete');
    }
    expect(megabytes(heapAfterGc() - before)).toBeLessThan(16);
  });
});
