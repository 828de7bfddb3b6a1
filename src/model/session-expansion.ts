/**
 * Parts of a checkout session a provider sends only when the request asks for them (Stripe's
 * `expand[]`), named in provider-neutral terms. A copy of a session serves a query only if
 * it was fetched with every part the query selects.
 */
export const sessionExpansions = ['totalBreakdown'] as const;
export type SessionExpansion = (typeof sessionExpansions)[number];

const known: ReadonlySet<string> = new Set(sessionExpansions);

export function isSessionExpansion(name: string): name is SessionExpansion {
  return known.has(name);
}

/** True when `have` holds every expansion of `need`. */
export function coversExpansions(have: readonly SessionExpansion[], need: readonly SessionExpansion[]): boolean {
  return need.every((expansion) => have.includes(expansion));
}

/** Every expansion of any of the lists, once each, in the order of `sessionExpansions`. */
export function unionOfExpansions(...lists: ReadonlyArray<readonly SessionExpansion[]>): SessionExpansion[] {
  return sessionExpansions.filter((expansion) => lists.some((list) => list.includes(expansion)));
}
