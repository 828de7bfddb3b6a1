import { Pool, errors as undiciErrors } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import {
  ProviderAuthFailedError,
  ProviderBadResponseError,
  ProviderRequestError,
  ProviderUnavailableError,
} from '../errors.js';
import { logger } from '../logger.js';

export interface ProviderHttpOptions {
  maxConnectionsPerOrigin: number;
  /** Overall deadline of one call: connect, headers and body together. */
  timeoutMs: number;
  maxResponseBytes?: number;
}

/** What a provider client describes; the HTTP client decides how to send it. */
export interface ProviderGetRequest {
  /** Provider name as it appears in errors and logs, e.g. `Stripe`. */
  provider: string;
  url: URL;
  headers: Record<string, string>;
  /** Reads the provider's error `type` out of an error body, when it has one. */
  readErrorType?: (body: unknown) => string | undefined;
}

export interface ProviderJsonResponse {
  status: number;
  body: unknown;
  requestId: string | undefined;
}

const defaultMaxResponseBytes = 1024 * 1024;

/**
 * Sends providers' GETs over one keep-alive undici pool per origin and turns every
 * failure into a typed error. Answers 2xx and 404 (whose meaning the provider client
 * knows); throws for anything else.
 */
export class ProviderHttpClient {
  private readonly pools = new Map<string, Pool>();
  private readonly maxResponseBytes: number;

  constructor(private readonly options: ProviderHttpOptions) {
    this.maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  }

  async getJson(request: ProviderGetRequest): Promise<ProviderJsonResponse> {
    const { provider, url } = request;
    const startedAt = performance.now();
    let response: ProviderJsonResponse;
    try {
      response = await this.send(request);
    } catch (error) {
      logger.debug({ provider, path: url.pathname, error: describe(error) }, 'provider call failed');
      throw error;
    }
    logger.debug(
      { provider, path: url.pathname, status: response.status, ms: Math.round(performance.now() - startedAt) },
      'provider call',
    );
    if ((response.status >= 200 && response.status < 300) || response.status === 404) return response;
    throw classifyStatus(request, response);
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.maxConnectionsPerOrigin,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        connect: { timeout: this.options.timeoutMs },
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  private async send(request: ProviderGetRequest): Promise<ProviderJsonResponse> {
    const { provider, url } = request;
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let text: string;
    let status: number;
    let requestId: string | undefined;
    try {
      const response = await this.pool(url.origin).request({
        method: 'GET',
        path: url.pathname + url.search,
        headers: { accept: 'application/json', ...request.headers },
        signal,
      });
      status = response.statusCode;
      requestId = headerValue(response.headers, 'request-id');
      text = await readCapped(response.body, this.maxResponseBytes, provider, requestId);
    } catch (error) {
      if (error instanceof ProviderBadResponseError) throw error;
      throw new ProviderUnavailableError(provider, transportFailure(error, this.options.timeoutMs));
    }
    return { status, requestId, body: parseJson(text, status, provider, requestId) };
  }
}

function parseJson(text: string, status: number, provider: string, requestId: string | undefined): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A 5xx with an HTML page says "unavailable" more truly than "bad response".
    if (status >= 500) return undefined;
    throw new ProviderBadResponseError(provider, `HTTP ${status} with a body that is not JSON`, requestId);
  }
}

function classifyStatus(request: ProviderGetRequest, response: ProviderJsonResponse): Error {
  const { provider } = request;
  const { status, requestId } = response;
  if (status === 401 || status === 403) return new ProviderAuthFailedError(provider);
  if (status === 429 || status >= 500) {
    return new ProviderUnavailableError(provider, `HTTP ${status}`, { requestId });
  }
  if (status >= 400) return new ProviderRequestError(provider, status, request.readErrorType?.(response.body), requestId);
  return new ProviderBadResponseError(provider, `unexpected HTTP ${status}`, requestId);
}

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown },
  maxBytes: number,
  provider: string,
  requestId: string | undefined,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new ProviderBadResponseError(provider, `body larger than ${maxBytes} bytes`, requestId);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function transportFailure(error: unknown, timeoutMs: number): string {
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  ) {
    return `no answer within ${timeoutMs} ms`;
  }
  return 'network error';
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
