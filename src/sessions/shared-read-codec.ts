import { z } from 'zod';
import { PaymentsError, SessionNotFoundError } from '../errors.js';
import type { ReadKind, ReadOutcome } from './provider-read-cache.js';
import { storedCheckoutSession, storedLineItems, storedRefunds } from './stored-model.js';

const valueSchemas: Record<ReadKind, z.ZodType> = {
  session: storedCheckoutSession,
  refunds: storedRefunds,
  lineItems: storedLineItems,
};

const notFound = z.object({ notFound: z.literal(true) });

/**
 * The text another replica can read back: an answer as the provider-neutral model (JSON),
 * or the fact that the session does not exist. Other failures are never shared.
 */
export function encodeOutcome(outcome: ReadOutcome<unknown>): string | undefined {
  if (outcome.ok) return JSON.stringify({ ok: true, value: outcome.value });
  if (outcome.error instanceof PaymentsError && outcome.error.code === 'NOT_FOUND') return JSON.stringify({ notFound: true });
  return undefined;
}

/** What was kept for this kind and session, checked field by field; undefined when it does not parse. */
export function decodeOutcome(kind: ReadKind, sessionId: string, text: string): ReadOutcome<unknown> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (notFound.safeParse(json).success) return { ok: false, error: new SessionNotFoundError(sessionId) };
  const parsed = z.object({ ok: z.literal(true), value: valueSchemas[kind] }).safeParse(json);
  if (!parsed.success) return undefined;
  const value: unknown = parsed.data.value;
  if (kind === 'session' && (value as { id: string }).id !== sessionId) return undefined;
  return { ok: true, value };
}
