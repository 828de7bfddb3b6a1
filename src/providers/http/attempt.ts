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
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await pool.request({
      method: 'GET',
      path: options.path,
      headers: { accept: 'application/json', ...options.headers },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal,
    });
    const requestId = headerValue(response.headers, 'request-id');
    const text = await readCapped(response.body, options.maxResponseBytes, response.headers);
    if (text === undefined) return { kind: 'too-large', status: response.statusCode, requestId };
    return { kind: 'answered', status: response.statusCode, headers: response.headers, requestId, text };
  } catch (error) {
    return isTimeout(error, signal) ? { kind: 'timeout', error } : { kind: 'network', error };
  }
}

/** The body as text, or undefined (and the connection dropped) once it passes the cap. */
async function readCapped(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  headers: IncomingHttpHeaders,
): Promise<string | undefined> {
  if (Number(headerValue(headers, 'content-length') ?? 0) > maxBytes) {
    body.destroy();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function isTimeout(error: unknown, signal: AbortSignal): boolean {
  return (
    signal.aborted ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  );
}
