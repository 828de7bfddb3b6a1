import { pino, type DestinationStream, type Level, type Logger } from 'pino';

/**
 * Log lines carry ids (sessions, requests), never keys, emails or IP addresses; `redact`
 * is the second line of defence for headers that hold a key. `main.ts` makes the
 * process's logger; every layer is handed it (or a child of it), so the redaction holds
 * for every line.
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

const maxRememberedWarnings = 10_000;

/** Warns once per distinct key for as long as it lives, so a recurring surprise is logged, not flooded. */
export class LogOnce {
  private readonly warned = new Set<string>();

  constructor(private readonly logger: Logger) {}

  warn(key: string, fields: Record<string, unknown>, message: string): void {
    if (this.warned.has(key)) return;
    if (this.warned.size < maxRememberedWarnings) this.warned.add(key);
    this.logger.warn(fields, message);
  }
}

/** How long a repeated line stays quiet after it was logged. */
const repeatWindowMs = 60_000;
const maxThrottledKeys = 1_000;

/**
 * Logs a line a client can cause over and over (a rejected webhook, a refused
 * representation) at most once a minute per `key`; the next line logged says how many
 * were left out meanwhile, as `repeated`.
 */
export class RepeatableLog {
  private readonly throttled = new Map<string, { loggedAt: number; suppressed: number }>();

  constructor(private readonly logger: Logger) {}

  log(level: 'info' | 'warn' | 'error', key: string, fields: Record<string, unknown>, message: string): void {
    const now = Date.now();
    const seen = this.throttled.get(key);
    if (seen && now - seen.loggedAt < repeatWindowMs) {
      seen.suppressed += 1;
      return;
    }
    if (!seen && this.throttled.size >= maxThrottledKeys) this.throttled.delete(this.throttled.keys().next().value as string);
    this.throttled.set(key, { loggedAt: now, suppressed: 0 });
    this.logger[level](seen && seen.suppressed > 0 ? { ...fields, repeated: seen.suppressed } : fields, message);
  }
}
