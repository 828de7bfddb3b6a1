import { stripeCompletePaidId, stripeSeedExampleId, stripeSessions } from '../../src/emulator/data/stripe-sessions.js';

/** Sessions the emulator serves during the benchmark: enough that random picks rarely collide. */
export const benchSessionCount = 50_000;
/** The ids scenario (b) keeps asking for. */
export const hotSetSize = 200;

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

const completePaid = templateSession(stripeCompletePaidId);
const open = templateSession(stripeSeedExampleId);

function templateSession(id: string): Record<string, unknown> {
  const session = stripeSessions.find((candidate) => candidate.id === id);
  if (!session) throw new Error(`the emulator data no longer has ${id}`);
  return session;
}
