const redactions: Array<[RegExp, string]> = [
  // Stripe-shaped keys and webhook secrets, whole or masked (`sk_test_****1234`).
  [/\b(?:sk|rk|pk|whsec)_[A-Za-z0-9_*]+/g, '[redacted key]'],
  [/\b(?:Bearer|Basic)\s+[A-Za-z0-9+/=._-]+/gi, '[redacted credentials]'],
  [/[^\s@'"<>]+@[^\s@'"<>]+\.[A-Za-z]{2,}/g, '[redacted email]'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '[redacted ip]'],
  [/\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi, '[redacted ip]'],
];

/**
 * Text from outside (a provider's error message, a value a client sent) in a form fit to
 * show a client or write to a log: keys, credentials, emails and IP addresses masked,
 * control characters dropped, length capped at `maxLength` characters.
 */
export function sanitizeText(text: string, maxLength: number): string {
  // Only the start is looked at: a megabyte of text costs no more than its first few hundred characters.
  let safe = text.slice(0, maxLength * 4).replace(/[\u0000-\u001f\u007f]+/g, ' ');
  for (const [pattern, replacement] of redactions) safe = safe.replace(pattern, replacement);
  safe = safe.trim();
  return safe.length > maxLength || text.length > maxLength * 4 ? `${safe.slice(0, maxLength - 1)}…` : safe;
}

/** A provider's error message as a client may see it. */
export function sanitizeProviderMessage(message: string): string {
  return sanitizeText(message, 200);
}
