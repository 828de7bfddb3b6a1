import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/** A request body that cannot be read: answered with `status` and `message`, before anything else is done. */
export class RequestBodyError extends Error {
  constructor(
    readonly status: 413 | 503,
    message: string,
  ) {
    super(message);
  }

  /** 413 closes the connection, whose body is not wanted; 503 says when to try again. */
  get headers(): Record<string, string> {
    return this.status === 413 ? { connection: 'close' } : { 'retry-after': '1' };
  }
}

/**
 * Reads request bodies exactly as sent (webhook signatures cover the bytes), each up to
 * `maxBytes`, and at most `maxInFlight` at once across the server: memory held by bodies
 * is bounded by the two, however many connections trickle theirs. A body past `maxBytes`
 * (declared, or chunked and found out while reading) gets 413; a request arriving while
 * every slot is taken gets 503 before its body is read. How long a body may take is the
 * server's request timeout.
 */
export class RequestBodies {
  private inFlight = 0;

  constructor(
    readonly maxBytes: number,
    private readonly maxInFlight: number,
  ) {}

  async read(request: IncomingMessage): Promise<Buffer> {
    const declaredLength = Number(request.headers['content-length'] ?? 0);
    if (declaredLength > this.maxBytes) throw this.tooLarge(request);
    if (this.inFlight >= this.maxInFlight) {
      throw new RequestBodyError(503, 'Too many request bodies are being received at once; try again in a moment');
    }
    this.inFlight += 1;
    try {
      return await this.collect(request);
    } finally {
      this.inFlight -= 1;
    }
  }

  private collect(request: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size <= this.maxBytes) {
          chunks.push(chunk);
          return;
        }
        request.off('data', onData);
        reject(this.tooLarge(request));
      };
      request.on('data', onData);
      request.once('end', () => resolve(Buffer.concat(chunks, size)));
      request.once('error', reject);
    });
  }

  /**
   * The rest of the body is read and dropped, so the client, still sending, receives the
   * 413 rather than a reset; the connection is closed after the answer.
   */
  private tooLarge(request: IncomingMessage): RequestBodyError {
    request.resume();
    return new RequestBodyError(413, `Request body is larger than ${this.maxBytes} bytes`);
  }
}

/** A GraphQL request's body: parsed when it is sent as JSON, else its text for Apollo Server to judge; 400 for an empty or broken JSON body. */
export async function readRequestBody(request: IncomingMessage, bodies: RequestBodies): Promise<unknown> {
  const text = (await bodies.read(request)).toString('utf8');
  if (!(request.headers['content-type'] ?? '').includes('json')) return text;
  if (text.trim() === '') throw new HttpError(400, 'Request body is empty; send a JSON GraphQL request');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}
