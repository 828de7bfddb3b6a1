import { errors as undiciErrors, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import type { DeadlineSweep } from './deadline-sweep.js';
import { headerValue } from './retry-policy.js';

/** What one attempt at a GET came to. Never throws: every failure is a value. */
export type AttemptResult =
  | { kind: 'answered'; status: number; headers: IncomingHttpHeaders; requestId: string | undefined; text: string }
  | { kind: 'too-large'; status: number; requestId: string | undefined }
  | { kind: 'timeout'; error: unknown }
  | { kind: 'network'; error: unknown };

export interface AttemptOptions {
  path: string;
  headers: Record<string, string>;
  /** When the call's overall deadline passes, on `performance.now()`'s clock. */
  deadline: number;
  maxResponseBytes: number;
  /** The response header the provider names its request id in; undefined when it sends none. */
  requestIdHeader: string | undefined;
}

/** Why an attempt was cut off by its call's deadline. */
class DeadlinePassedError extends Error {
  constructor() {
    super('the provider call passed its deadline');
    this.name = 'DeadlinePassedError';
  }
}

/** Why an attempt was cut off at the body size cap. */
class ResponseTooLargeError extends Error {}

/**
 * One GET on the pool, read straight from undici's dispatcher (no response stream). The
 * call's deadline covers the wait for a connection, the headers and the whole body: the
 * sweep cuts the attempt off there, in any phase. The pool's connect timeout is shorter,
 * leaving room for a retry.
 */
export function attemptGet(pool: Dispatcher, deadlines: DeadlineSweep, options: AttemptOptions): Promise<AttemptResult> {
  return new Promise((resolve) => {
    const attempt = new GetAttempt(options.maxResponseBytes, options.requestIdHeader, resolve);
    attempt.stopWatching = deadlines.watch(options.deadline, () => attempt.cutOff(new DeadlinePassedError()));
    pool.dispatch(
      { method: 'GET', path: options.path, headers: { accept: 'application/json', ...options.headers } },
      attempt,
    );
  });
}

class GetAttempt implements Dispatcher.DispatchHandler {
  stopWatching: () => void = () => {};
  private controller: Dispatcher.DispatchController | undefined;
  private settled = false;
  private cutOffReason: Error | undefined;
  private status = 0;
  private headers: IncomingHttpHeaders = {};
  private requestId: string | undefined;
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly maxResponseBytes: number,
    private readonly requestIdHeader: string | undefined,
    private readonly resolve: (result: AttemptResult) => void,
  ) {}

  /** Ends the attempt now: settles it and aborts the request, at once or as soon as undici hands over its controller. */
  cutOff(reason: Error): void {
    this.cutOffReason = reason;
    if (reason instanceof DeadlinePassedError) this.settle({ kind: 'timeout', error: reason });
    this.controller?.abort(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.cutOffReason) controller.abort(this.cutOffReason);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.status = statusCode;
    this.headers = headers;
    if (this.requestIdHeader !== undefined) this.requestId = headerValue(headers, this.requestIdHeader);
    if (Number(headerValue(headers, 'content-length') ?? 0) > this.maxResponseBytes) this.tooLarge();
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size > this.maxResponseBytes) {
      this.tooLarge();
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const text = Buffer.concat(this.chunks, this.size).toString('utf8');
    this.settle({ kind: 'answered', status: this.status, headers: this.headers, requestId: this.requestId, text });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.settle(isTimeout(error) ? { kind: 'timeout', error } : { kind: 'network', error });
  }

  /** Drops the connection rather than read a body past the cap. */
  private tooLarge(): void {
    this.settle({ kind: 'too-large', status: this.status, requestId: this.requestId });
    this.cutOff(new ResponseTooLargeError('the provider body passed the size cap'));
  }

  private settle(result: AttemptResult): void {
    if (this.settled) return;
    this.settled = true;
    this.stopWatching();
    this.resolve(result);
  }
}

function isTimeout(error: unknown): boolean {
  return (
    error instanceof DeadlinePassedError ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  );
}
