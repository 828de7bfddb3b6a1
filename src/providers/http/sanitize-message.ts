const maxLength = 200;

const redactions: Array<[RegExp, string]> = [
  // Stripe-shaped keys and webhook secrets, whole or masked (`sk_test_****1234`).
  [/\b(?:sk|rk|pk|whsec)_[A-Za-z0-9_*]+/g, '[redacted key]'],
  [/\b(?:Bearer|Basic)\s+[A-Za-z0-9+/=._-]+/gi, '[redacted credentials]'],
  [/[^\s@'"<>]+@[^\s@'"<>]+\.[A-Za-z]{2,}/g, '[redacted email]'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '[redacted ip]'],
  [/\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi, '[redacted ip]'],
];

/**
 * A provider's error message in a form fit to show a client or write to a log: keys,
 * credentials, emails and IP addresses masked, control characters dropped, length capped.
 */
export function sanitizeProviderMessage(message: string): string {
  let text = message.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  for (const [pattern, replacement] of redactions) text = text.replace(pattern, replacement);
  text = text.trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
