import { constants } from 'node:os';
import type { Logger } from 'pino';

export interface TerminationOptions {
  /** Stops the process's servers and pools; what `SHUTDOWN_TIMEOUT_MS` bounds. */
  close: () => Promise<void>;
  /** `SHUTDOWN_TIMEOUT_MS`: requests in flight may take this long to finish. */
  graceMs: number;
  logger: Logger;
  /** Where the signals arrive and how the process ends; the process itself but in tests. */
  signals?: Pick<NodeJS.Process, 'on'>;
  exit?: (status: number) => void;
}

/** Time closing may take beyond the grace period (pools, the emulator) before the process gives up on it. */
const closeAllowanceMs = 5_000;
/**
 * npm passes the signals it gets on to its script, so one Ctrl-C on `npm start` reaches the
 * process twice (from the terminal and from npm) within milliseconds: that is not a second press.
 */
const sameSignalEchoMs = 250;

type TerminationSignal = 'SIGINT' | 'SIGTERM';

/**
 * The process's one owner of SIGINT and SIGTERM. The first stops gracefully and exits 0
 * (1 if closing fails or hangs past the grace period plus `closeAllowanceMs`); a second
 * exits at once with the shell's status for that signal (130, 143).
 */
export function stopOnTerminationSignals(options: TerminationOptions): void {
  const { close, graceMs, logger, signals = process, exit = (status) => process.exit(status) } = options;
  let first: { signal: TerminationSignal; atMs: number } | undefined;
  const onSignal = (signal: TerminationSignal) => {
    if (first) {
      if (signal === first.signal && Date.now() - first.atMs < sameSignalEchoMs) return;
      logger.warn({ signal }, 'second signal: exiting without waiting for requests in flight');
      exit(128 + constants.signals[signal]);
      return;
    }
    first = { signal, atMs: Date.now() };
    logger.info({ signal, graceMs }, 'shutting down: finishing requests in flight');
    const hardStop = setTimeout(() => {
      logger.error({ waitedMs: graceMs + closeAllowanceMs }, 'shutdown did not finish in time: exiting');
      exit(1);
    }, graceMs + closeAllowanceMs);
    close().then(
      () => {
        clearTimeout(hardStop);
        logger.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(hardStop);
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
}
