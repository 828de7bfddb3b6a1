import { stripeCompletePaidId, stripeSeedExampleId, stripeSessions } from '../../../src/providers/stripe/emulator/sessions.js';

/** Sessions the emulator serves during the benchmark: enough that random picks rarely collide. */
export const benchSessionCount = 50_000;
/** The ids scenario (b) keeps asking for. */
export const hotSetSize = 200;

/** Scenario (g)'s sessions: their popularity follows a Zipf distribution, and every fourth is open. */
export const zipfSessionCount = 3_000;
export const zipfExponent = 1.1;

export function benchSessionId(index: number): string {
  return `cs_test_bench${String(index).padStart(8, '0')}`;
}

export function randomSessionId(): string {
  return benchSessionId(Math.floor(Math.random() * benchSessionCount));
}

export function hotSessionId(): string {
  return benchSessionId(Math.floor(Math.random() * hotSetSize));
}

/** `count` distinct random ids. */
export function distinctRandomSessionIds(count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add(randomSessionId());
  return [...ids];
}

/** Half the sessions are complete and paid (final), half open, like a shop's recent orders. */
export function benchWireSession(index: number): Record<string, unknown> & { id: string } {
  const template = index % 2 === 0 ? completePaid : open;
  return { ...template, id: benchSessionId(index) };
}

/** The id of the session of popularity rank `rank` (0 the most asked for) in scenario (g). */
export function zipfSessionId(rank: number): string {
  return `cs_test_zipf${String(rank).padStart(8, '0')}`;
}

/** Every fourth rank is an open session, the others complete and paid, so popularity says nothing of finality. */
export function zipfWireSession(rank: number): Record<string, unknown> & { id: string } {
  return { ...(rank % 4 === 3 ? open : completePaid), id: zipfSessionId(rank) };
}

/** Draws ranks with probability proportional to 1 / (rank + 1) ^ exponent. */
export function zipfPicker(count: number, exponent: number, random: () => number = Math.random): () => number {
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let rank = 0; rank < count; rank += 1) {
    total += (rank + 1) ** -exponent;
    cumulative[rank] = total;
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

const completePaid = templateSession(stripeCompletePaidId);
const open = templateSession(stripeSeedExampleId);

function templateSession(id: string): Record<string, unknown> {
  const session = stripeSessions.find((candidate) => candidate.id === id);
  if (!session) throw new Error(`the emulator data no longer has ${id}`);
  return session;
}
