import DataLoader from 'dataloader';
import { coversExpansions, unionOfExpansions, type ReadExpansion } from '../model/read-expansion.js';
import { settleEach } from './settle-each.js';

export interface ExpandingLoader<Value, Expansion extends ReadExpansion> {
  /** The value, read with at least these expansions; the same promise for every load of an id asked together. */
  load(id: string, expansions?: readonly Expansion[]): Promise<Value>;
}

/**
 * Per request: the ids loaded in the same tick become one batch (told to `onBatch`), each
 * id read once (`loadOne`) with the union of the expansions its loads asked for, so two
 * selections of one session that need different expansions still cost one read. A later
 * load needing an expansion the id's read lacked reads it again with the union.
 */
export function createExpandingLoader<Value, Expansion extends ReadExpansion>(
  loadOne: (id: string, expansions: readonly Expansion[]) => Promise<Value>,
  onBatch: (ids: readonly string[]) => void = () => {},
): ExpandingLoader<Value, Expansion> {
  /** Expansions asked for ids whose batch has not gone out yet. */
  const wanted = new Map<string, Expansion[]>();
  /** What each id's read went out with. */
  const readWith = new Map<string, readonly Expansion[]>();
  const batches = new DataLoader<string, Value>((ids) => {
    onBatch(ids);
    return settleEach(ids, (id) => {
      const expansions = wanted.get(id) ?? [];
      wanted.delete(id);
      readWith.set(id, expansions);
      return loadOne(id, expansions);
    });
  });
  const want = (id: string, expansions: readonly Expansion[]) => wanted.set(id, unionOfExpansions(wanted.get(id) ?? [], expansions));

  return {
    load(id, expansions = []) {
      const sent = readWith.get(id);
      if (sent === undefined) {
        want(id, expansions);
      } else if (!coversExpansions(sent, expansions)) {
        batches.clear(id);
        readWith.delete(id);
        want(id, unionOfExpansions(sent, expansions));
      }
      return batches.load(id);
    },
  };
}
