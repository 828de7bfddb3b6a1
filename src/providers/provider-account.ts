import { createHash } from 'node:crypto';

/**
 * Names the provider account a key belongs to, as `<provider key>:<mode>:<hash>` (for example
 * `stripe:live:3f9a…`, with 32 hex digits of the key's SHA-256): what is shared through
 * Redis (cached sessions, evictions, the rate budget) is kept apart per account, and the
 * key itself is never written anywhere.
 */
export function providerAccount(providerKey: string, secretKey: string): string {
  const mode = /^[a-z]+_(live|test)_/.exec(secretKey)?.[1] ?? 'unknown';
  const keyHash = createHash('sha256').update(secretKey).digest('hex').slice(0, 32);
  return `${providerKey}:${mode}:${keyHash}`;
}
