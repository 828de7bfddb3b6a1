import { describe, expect, it } from 'vitest';
import type { CheckoutSession } from '../../../src/model/checkout-session.js';
import type { SessionExpansion } from '../../../src/model/read-expansion.js';
import { createExpandingLoader } from '../../../src/sessions/expanding-loader.js';

/** A loader whose reads record the id and expansions they went out with, answering with a stand-in session. */
function recordingLoader() {
  const reads: Array<[string, readonly SessionExpansion[]]> = [];
  const batches: string[][] = [];
  const loader = createExpandingLoader<CheckoutSession, SessionExpansion>(
    async (id, expansions) => {
      reads.push([id, expansions]);
      return { id } as CheckoutSession;
    },
    (ids) => batches.push([...ids]),
  );
  return { loader, reads, batches };
}

describe('the per-request session loader', () => {
  it('reads a session loaded twice in one tick once, with the union of what both loads need', async () => {
    const { loader, reads, batches } = recordingLoader();
    const [plain, detailed, other] = await Promise.all([
      loader.load('cs_1'),
      loader.load('cs_1', ['totalBreakdown']),
      loader.load('cs_2'),
    ]);
    expect(plain).toBe(detailed);
    expect(other).toEqual({ id: 'cs_2' });
    expect(batches).toEqual([['cs_1', 'cs_2']]);
    expect(reads).toEqual([['cs_1', ['totalBreakdown']], ['cs_2', []]]);
  });

  it('answers a later load needing no more from the first read, and reads again with the union for one needing more', async () => {
    const { loader, reads } = recordingLoader();
    await loader.load('cs_1');
    await loader.load('cs_1');
    await loader.load('cs_1', ['totalBreakdown']);
    await loader.load('cs_1');
    expect(reads).toEqual([['cs_1', []], ['cs_1', ['totalBreakdown']]]);
  });
});
