import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError, SessionNotFoundError } from '../../../src/errors.js';
import { ProviderReadCache, type ProviderReadCacheOptions } from '../../../src/sessions/provider-read-cache.js';
import { TestClock } from '../../support/test-clock.js';

/** A provider call the test settles by hand, counting how often it was started. */
function deferredFetch<Value>() {
  const pending: Array<{ resolve(value: Value): void; reject(error: unknown): void }> = [];
  const fetch = () => new Promise<Value>((resolve, reject) => pending.push({ resolve, reject }));
  return { fetch, pending, get calls() { return pending.length; } };
}

function cache(overrides: Partial<ProviderReadCacheOptions> = {}, clock = new TestClock()) {
  return new ProviderReadCache({ enabled: true, maxEntries: 100, maxBytes: 1_000_000, clock, ...overrides });
}

const keep = (ms: number) => () => ms;

describe('ProviderReadCache', () => {
  it('shares one call among concurrent reads of the same session', async () => {
    const reads = cache({ enabled: false });
    const provider = deferredFetch<string>();
    const first = reads.read('session', 'cs_1', provider.fetch, keep(0));
    const second = reads.read('session', 'cs_1', provider.fetch, keep(0));
    expect(provider.calls).toBe(1);
    provider.pending[0]?.resolve('answer');
    await expect(Promise.all([first, second])).resolves.toEqual(['answer', 'answer']);
  });

  it('keeps different kinds of the same session apart', () => {
    const reads = cache();
    const provider = deferredFetch<string>();
    void reads.read('session', 'cs_1', provider.fetch, keep(1_000));
    void reads.read('refunds', 'cs_1', provider.fetch, keep(1_000));
    expect(provider.calls).toBe(2);
  });

  it('answers from what it kept until the time to live runs out', async () => {
    const clock = new TestClock();
    const reads = cache({}, clock);
    let calls = 0;
    const fetch = async () => `answer ${++calls}`;
    expect(await reads.read('session', 'cs_1', fetch, keep(2_000))).toBe('answer 1');
    clock.time += 1_999;
    expect(await reads.read('session', 'cs_1', fetch, keep(2_000))).toBe('answer 1');
    clock.time += 2;
    expect(await reads.read('session', 'cs_1', fetch, keep(2_000))).toBe('answer 2');
  });

  it('keeps nothing when the cache is off, yet still shares calls in flight', async () => {
    const reads = cache({ enabled: false });
    let calls = 0;
    const fetch = async () => ++calls;
    await reads.read('session', 'cs_1', fetch, keep(60_000));
    await reads.read('session', 'cs_1', fetch, keep(60_000));
    expect(calls).toBe(2);
    expect(reads.size).toBe(0);
  });

  it('keeps a failure only as long as its time to live says', async () => {
    const reads = cache();
    let calls = 0;
    const notFound = async () => {
      calls += 1;
      throw new SessionNotFoundError('cs_1');
    };
    const unavailable = async () => {
      calls += 1;
      throw new ProviderUnavailableError('Stripe', 'HTTP 503');
    };
    await expect(reads.read('session', 'cs_1', notFound, keep(500))).rejects.toBeInstanceOf(SessionNotFoundError);
    await expect(reads.read('session', 'cs_1', notFound, keep(500))).rejects.toBeInstanceOf(SessionNotFoundError);
    await expect(reads.read('session', 'cs_2', unavailable, keep(0))).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(reads.read('session', 'cs_2', unavailable, keep(0))).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(calls).toBe(3);
  });

  it('turns a fetch that throws at once into a rejected read', async () => {
    const reads = cache();
    const fetch = (): Promise<string> => {
      throw new Error('thrown before any promise');
    };
    await expect(reads.read('session', 'cs_1', fetch, keep(0))).rejects.toThrow('thrown before any promise');
  });

  it('evicts every kind kept for a session, and only that session', async () => {
    const reads = cache();
    let calls = 0;
    const fetch = async () => ++calls;
    await reads.read('session', 'cs_1', fetch, keep(60_000));
    await reads.read('refunds', 'cs_1', fetch, keep(60_000));
    await reads.read('session', 'cs_2', fetch, keep(60_000));
    reads.evictSession('cs_1');
    expect(reads.size).toBe(1);
    await reads.read('session', 'cs_1', fetch, keep(60_000));
    await reads.read('refunds', 'cs_1', fetch, keep(60_000));
    await reads.read('session', 'cs_2', fetch, keep(60_000));
    expect(calls).toBe(5);
  });

  it('does not keep an answer whose call was under way when the session was evicted', async () => {
    const reads = cache();
    const provider = deferredFetch<string>();
    const before = reads.read('session', 'cs_1', provider.fetch, keep(60_000));
    reads.evictSession('cs_1');
    const after = reads.read('session', 'cs_1', provider.fetch, keep(60_000));
    expect(provider.calls).toBe(2);
    provider.pending[0]?.resolve('stale');
    provider.pending[1]?.resolve('fresh');
    expect(await before).toBe('stale');
    expect(await after).toBe('fresh');
    expect(await reads.read('session', 'cs_1', provider.fetch, keep(60_000))).toBe('fresh');
    expect(provider.calls).toBe(2);
  });

  it('drops the least recently used entries beyond its entry bound', async () => {
    const reads = cache({ maxEntries: 2 });
    let calls = 0;
    const fetch = async () => ++calls;
    for (const id of ['cs_1', 'cs_2', 'cs_3']) await reads.read('session', id, fetch, keep(60_000));
    expect(reads.size).toBe(2);
    await reads.read('session', 'cs_1', fetch, keep(60_000));
    expect(calls).toBe(4);
  });

  it('drops entries beyond its byte bound, and never keeps one larger than the bound', async () => {
    const reads = cache({ maxBytes: 2_500 });
    const body = (id: string) => async () => ({ id, padding: 'x'.repeat(1_000) });
    for (const id of ['cs_1', 'cs_2', 'cs_3']) await reads.read('session', id, body(id), keep(60_000));
    expect(reads.size).toBe(2);
    await reads.read('session', 'cs_big', async () => 'y'.repeat(3_000), keep(60_000));
    expect(reads.size).toBe(2);
  });
  describe('with expansions', () => {
    /** A provider call settled by hand that records the expansions each call asked for. */
    function expandingFetch() {
      const asked: string[][] = [];
      const pending: Array<(value: string) => void> = [];
      const fetch = (_origin: unknown, expansions: readonly string[]) => {
        asked.push([...expansions]);
        return new Promise<string>((resolve) => pending.push(resolve));
      };
      return { fetch, asked, pending };
    }

    it('answers a read needing no more than a kept copy has, and refetches with the union for one needing more', async () => {
      const reads = cache();
      const provider = expandingFetch();
      const plain = reads.read('session', 'cs_1', provider.fetch, keep(60_000));
      provider.pending[0]?.('plain');
      expect(await plain).toBe('plain');
      const wide = reads.read('session', 'cs_1', provider.fetch, keep(60_000), undefined, ['totalBreakdown']);
      provider.pending[1]?.('with breakdown');
      expect(await wide).toBe('with breakdown');
      expect(await reads.read('session', 'cs_1', provider.fetch, keep(60_000))).toBe('with breakdown');
      expect(await reads.read('session', 'cs_1', provider.fetch, keep(60_000), undefined, ['totalBreakdown'])).toBe('with breakdown');
      expect(provider.asked).toEqual([[], ['totalBreakdown']]);
      expect(reads.size).toBe(1);
    });

    it('starts a call with the union when the one in flight lacks an expansion, and keeps only the wider answer', async () => {
      const reads = cache();
      const provider = expandingFetch();
      const plain = reads.read('session', 'cs_1', provider.fetch, keep(60_000));
      const wide = reads.read('session', 'cs_1', provider.fetch, keep(60_000), undefined, ['totalBreakdown']);
      const joinsWide = reads.read('session', 'cs_1', provider.fetch, keep(60_000));
      expect(provider.asked).toEqual([[], ['totalBreakdown']]);
      provider.pending[1]?.('with breakdown');
      provider.pending[0]?.('plain');
      expect([await plain, await wide, await joinsWide]).toEqual(['plain', 'with breakdown', 'with breakdown']);
      expect(await reads.read('session', 'cs_1', provider.fetch, keep(60_000), undefined, ['totalBreakdown'])).toBe('with breakdown');
      expect(provider.asked).toHaveLength(2);
    });

    it('answers any read from a kept "does not exist"', async () => {
      const reads = cache();
      let calls = 0;
      const notFound = async () => {
        calls += 1;
        throw new SessionNotFoundError('cs_1');
      };
      await expect(reads.read('session', 'cs_1', notFound, keep(500))).rejects.toBeInstanceOf(SessionNotFoundError);
      await expect(reads.read('session', 'cs_1', notFound, keep(500), undefined, ['totalBreakdown'])).rejects.toBeInstanceOf(SessionNotFoundError);
      expect(calls).toBe(1);
    });
  });
});
