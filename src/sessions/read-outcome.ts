/** What the cache keeps, each kind keyed by the id of the session it belongs to. */
export const readKinds = ['session', 'refunds', 'settlement', 'lineItems'] as const;
export type ReadKind = (typeof readKinds)[number];

export type ReadOutcome<Value> = { ok: true; value: Value } | { ok: false; error: unknown };
