import type { Level, Logger } from 'pino';
import { createLogger } from '../../src/logger.js';

/** A log line as the subgraph writes it, parsed: `level` is pino's number (20 debug, 30 info, 40 warn, 50 error). */
export type LogLine = Record<string, any>;

/** A logger with the subgraph's redaction that keeps each line it writes, from `level` up, for a test to read. */
export function memoryLogger(level: Level = 'debug'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  return { logger: createLogger({ write: (line: string) => void lines.push(JSON.parse(line)) }, level), lines };
}

/** For the lines a test does not read: on stdout at `LOG_LEVEL` when set, silent otherwise. */
export function quietLogger(): Logger {
  return createLogger(undefined, (process.env.LOG_LEVEL as Level | undefined) ?? 'silent');
}
