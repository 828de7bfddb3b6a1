import type { CheckoutSession } from './checkout-session.js';

/**
 * The id of the order a session pays for: the merchant's client reference id, else the
 * metadata entry under `metadataKey`; null when neither holds a non-blank value.
 */
export function orderIdOf(
  session: Pick<CheckoutSession, 'clientReferenceId' | 'metadata'>,
  metadataKey: string,
): string | null {
  return nonBlank(session.clientReferenceId) ?? nonBlank(session.metadata[metadataKey]);
}

function nonBlank(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}
