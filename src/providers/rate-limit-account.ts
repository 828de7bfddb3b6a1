import { createHash } from 'node:crypto';

/**
 * Names the provider account a key belongs to, for a rate budget shared through Redis:
 * two keys never share a budget, and the key itself is never written anywhere.
 */
export function rateLimitAccount(secretKey: string): string {
  return createHash('sha256').update(secretKey).digest('hex').slice(0, 32);
}
