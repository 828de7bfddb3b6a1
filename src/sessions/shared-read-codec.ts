import { z } from 'zod';
import { PaymentsError, SessionNotFoundError } from '../errors.js';
import { isReadExpansion } from '../model/read-expansion.js';
import type { KeptRead } from './provider-read-cache.js';
import type { ReadKind } from './read-outcome.js';
import { storedCheckoutSession, storedFeesAndSettlement, storedLineItems, storedRefunds } from './stored-model.js';

const valueSchemas: Record<ReadKind, z.ZodType> = {
  session: storedCheckoutSession,
  refunds: storedRefunds,
  settlement: storedFeesAndSettlement,
  lineItems: storedLineItems,
};

const notFound = z.object({ notFound: z.literal(true) });

/**
 * Names of expansions, those this version does not know left out: a copy written by a
 * newer replica counts as lacking them. A value written before expansions were recorded
 * has none.
 */
const expansionNames = z
  .array(z.string())
  .default([])
  .transform((names) => names.filter(isReadExpansion));

/**
 * The text another replica can read back: an answer as the provider-neutral model (JSON)
 * with the expansions it was fetched with, or the fact that the session does not exist.
 * Other failures are never shared. `staleMs`: how long of its time in Redis is past its age,
 * kept as a copy.
 */
export function encodeOutcome({ outcome, expansions }: KeptRead, staleMs = 0): string | undefined {
  if (outcome.ok) return JSON.stringify({ ok: true, value: outcome.value, expansions, staleMs });
  if (outcome.error instanceof PaymentsError && outcome.error.code === 'NOT_FOUND') return JSON.stringify({ notFound: true });
  return undefined;
}

/** What was kept for this kind and session, checked field by field; undefined when it does not parse. */
export function decodeOutcome(kind: ReadKind, sessionId: string, text: string): (KeptRead & { staleMs: number }) | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (notFound.safeParse(json).success) {
    return { outcome: { ok: false, error: new SessionNotFoundError(sessionId) }, expansions: [], staleMs: 0 };
  }
  const parsed = z
    .object({ ok: z.literal(true), value: valueSchemas[kind], expansions: expansionNames, staleMs: z.number().int().min(0).default(0) })
    .safeParse(json);
  if (!parsed.success) return undefined;
  const value: unknown = parsed.data.value;
  if (kind === 'session' && (value as { id: string }).id !== sessionId) return undefined;
  return { outcome: { ok: true, value }, expansions: parsed.data.expansions, staleMs: parsed.data.staleMs };
}
