import { pino, type DestinationStream, type Level, type Logger } from 'pino';

/**
 * Log lines carry ids (sessions, requests), never keys, emails or IP addresses; `redact`
 * is the second line of defence for headers that hold a key.
 */
export function createLogger(destination?: DestinationStream, level: Level | 'silent' = 'info'): Logger {
  const options = {
    level,
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
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The process's logger, writing to stdout. */
export const logger: Logger = createLogger();

const alreadyWarned = new Set<string>();
const maxRememberedWarnings = 10_000;

/** Warns once per distinct key for the life of the process, so a recurring surprise is logged, not flooded. */
export function warnOnce(key: string, fields: Record<string, unknown>, message: string): void {
  if (alreadyWarned.has(key)) return;
  if (alreadyWarned.size < maxRememberedWarnings) alreadyWarned.add(key);
  logger.warn(fields, message);
}

/** How long a repeated line stays quiet after it was logged. */
const repeatWindowMs = 60_000;
const maxThrottledKeys = 1_000;
const throttled = new Map<string, { loggedAt: number; suppressed: number }>();

/**
 * Logs a line a client can cause over and over (a rejected webhook, a refused
 * representation) at most once a minute per `key`; the next line logged says how many
 * were left out meanwhile, as `repeated`.
 */
export function logRepeatable(level: 'info' | 'warn', key: string, fields: Record<string, unknown>, message: string): void {
  const now = Date.now();
  const seen = throttled.get(key);
  if (seen && now - seen.loggedAt < repeatWindowMs) {
    seen.suppressed += 1;
    return;
  }
  if (!seen && throttled.size >= maxThrottledKeys) throttled.delete(throttled.keys().next().value as string);
  throttled.set(key, { loggedAt: now, suppressed: 0 });
  logger[level](seen && seen.suppressed > 0 ? { ...fields, repeated: seen.suppressed } : fields, message);
}
