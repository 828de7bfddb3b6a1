import { pino, type Logger } from 'pino';

/**
 * The process's one logger. Lines carry ids (sessions, requests), never keys, emails or
 * IP addresses; `redact` is the second line of defence for headers that hold a key.
 */
export const logger: Logger = pino({
  level: 'info',
  base: undefined,
  redact: {
    paths: [
      'headers.authorization',
      'req.headers.authorization',
      'headers["router-secret"]',
      'req.headers["router-secret"]',
      '*.secretKey',
      'secretKey',
      '*.routerSecret',
      'routerSecret',
    ],
    censor: '[redacted]',
  },
});

const alreadyWarned = new Set<string>();
const maxRememberedWarnings = 10_000;

/** Warns once per distinct key for the life of the process, so a recurring surprise is logged, not flooded. */
export function warnOnce(key: string, fields: Record<string, unknown>, message: string): void {
  if (alreadyWarned.has(key)) return;
  if (alreadyWarned.size < maxRememberedWarnings) alreadyWarned.add(key);
  logger.warn(fields, message);
}
