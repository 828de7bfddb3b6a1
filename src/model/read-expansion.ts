/**
 * Parts of a provider read that the provider sends only when the request asks for them
 * (Stripe's `expand[]`), named in provider-neutral terms: of a session, and of its line
 * items. A copy serves a query only if it was fetched with every part the query selects.
 */
export const sessionExpansions = ['totalBreakdown', 'settlement'] as const;
export const lineItemExpansions = ['lineItemProducts', 'lineItemTaxes', 'lineItemDiscounts'] as const;

export type SessionExpansion = (typeof sessionExpansions)[number];
export type LineItemExpansion = (typeof lineItemExpansions)[number];
export type ReadExpansion = SessionExpansion | LineItemExpansion;

const readExpansions: readonly ReadExpansion[] = [...sessionExpansions, ...lineItemExpansions];
const known: ReadonlySet<string> = new Set(readExpansions);

export function isReadExpansion(name: string): name is ReadExpansion {
  return known.has(name);
}

/** True when `have` holds every expansion of `need`. */
export function coversExpansions(have: readonly ReadExpansion[], need: readonly ReadExpansion[]): boolean {
  return need.every((expansion) => have.includes(expansion));
}

/** Every expansion of any of the lists, once each, in one order whatever the lists' order. */
export function unionOfExpansions<Expansion extends ReadExpansion>(...lists: ReadonlyArray<readonly Expansion[]>): Expansion[] {
  return readExpansions.filter((expansion): expansion is Expansion => lists.some((list) => (list as readonly ReadExpansion[]).includes(expansion)));
}
