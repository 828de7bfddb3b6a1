import { errors as undiciErrors, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
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
  /** Time left of the call's overall deadline. */
  timeoutMs: number;
  maxResponseBytes: number;
}

/**
 * One GET on the pool. The overall deadline covers headers and the whole body, so a
 * body trickled byte by byte (which never trips undici's idle body timeout) is cut off
 * too; the pool's connect timeout is shorter, leaving room for a retry.
 */
export async function attemptGet(pool: Dispatcher, options: AttemptOptions): Promise<AttemptResult> {
  // A timer cleared when the attempt ends, rather than `AbortSignal.timeout`, whose timer
  // and signal would outlive every answered call by the whole deadline.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  try {
    const response = await pool.request({
      method: 'GET',
      path: options.path,
      headers: { accept: 'application/json', ...options.headers },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: deadline.signal,
    });
    const requestId = headerValue(response.headers, 'request-id');
    const text = await readCapped(response.body, options.maxResponseBytes, response.headers);
    if (text === undefined) return { kind: 'too-large', status: response.statusCode, requestId };
    return { kind: 'answered', status: response.statusCode, headers: response.headers, requestId, text };
  } catch (error) {
    return isTimeout(error, deadline.signal) ? { kind: 'timeout', error } : { kind: 'network', error };
  } finally {
    clearTimeout(timer);
  }
}

/** The body as text, or undefined (and the connection dropped) once it passes the cap. */
function readCapped(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  headers: IncomingHttpHeaders,
): Promise<string | undefined> {
  if (Number(headerValue(headers, 'content-length') ?? 0) > maxBytes) {
    body.destroy();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    body.once('error', reject);
  });
}

function isTimeout(error: unknown, signal: AbortSignal): boolean {
  return (
    signal.aborted ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  );
}
