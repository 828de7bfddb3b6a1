import DataLoader from 'dataloader';
import type { CheckoutSession } from '../model/checkout-session.js';
import { coversExpansions, unionOfExpansions, type SessionExpansion } from '../model/session-expansion.js';
import { settleEach } from './settle-each.js';

export interface CheckoutSessionLoader {
  /** The session, fetched with at least these expansions; the same promise for every load of an id asked together. */
  load(id: string, expansions?: readonly SessionExpansion[]): Promise<CheckoutSession>;
}

/**
 * Per request: the ids loaded in the same tick become one batch (`loadBatch`), each id
 * once, with the union of the expansions its loads asked for, so two selections of one
 * session that need different expansions still cost one read. A later load needing an
 * expansion the session's read lacked reads it again with the union.
 */
export function createCheckoutSessionLoader(
  loadBatch: (ids: readonly string[]) => void,
  loadOne: (id: string, expansions: readonly SessionExpansion[]) => Promise<CheckoutSession>,
): CheckoutSessionLoader {
  /** Expansions asked for ids whose batch has not gone out yet. */
  const wanted = new Map<string, SessionExpansion[]>();
  /** What each id's read went out with. */
  const readWith = new Map<string, readonly SessionExpansion[]>();
  const batches = new DataLoader<string, CheckoutSession>((ids) => {
    loadBatch(ids);
    return settleEach(ids, (id) => {
      const expansions = wanted.get(id) ?? [];
      wanted.delete(id);
      readWith.set(id, expansions);
      return loadOne(id, expansions);
    });
  });
  const want = (id: string, expansions: readonly SessionExpansion[]) =>
    wanted.set(id, unionOfExpansions(wanted.get(id) ?? [], expansions));

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
