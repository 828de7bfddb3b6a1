import {
  ProviderAuthFailedError,
  ProviderBadResponseError,
  ProviderRequestError,
  ProviderUnavailableError,
  RateLimitedError,
} from '../../errors.js';
import type { AttemptResult } from './attempt.js';
import { parseRetryAfter } from './retry-policy.js';
import { sanitizeProviderMessage } from '../../sanitize-text.js';

export interface ProviderErrorReaders {
  /** The type and message a provider's error body gives; undefined when the body is not one of its errors. */
  readError?: ((body: unknown) => { type?: string | undefined; message?: string | undefined } | undefined) | undefined;
}

export interface ClassifyContext extends ProviderErrorReaders {
  provider: string;
  timeoutMs: number;
  maxResponseBytes: number;
}

export type FinalOutcome =
  | { kind: 'ok'; status: number; body: unknown; text: string; requestId: string | undefined }
  | { kind: 'failed'; error: Error };

/**
 * The last attempt's result as the caller sees it: 2xx and 404 (whose meaning only the
 * provider client knows) as parsed JSON, everything else as a typed error; a 429 that
 * outlasted its retries is `RATE_LIMITED`, not an outage.
 */
export function classifyFinal(result: AttemptResult, context: ClassifyContext): FinalOutcome {
  const { provider } = context;
  switch (result.kind) {
    case 'timeout':
      return failed(new ProviderUnavailableError(provider, `no answer within ${context.timeoutMs} ms`));
    case 'network':
      return failed(new ProviderUnavailableError(provider, 'network error'));
    case 'too-large':
      return failed(
        new ProviderBadResponseError(provider, `body larger than ${context.maxResponseBytes} bytes`, result.requestId),
      );
    case 'answered':
      return classifyAnswer(result, context);
  }
}

function classifyAnswer(result: Extract<AttemptResult, { kind: 'answered' }>, context: ClassifyContext): FinalOutcome {
  const { provider } = context;
  const { status, requestId } = result;
  const body = parseJson(result.text);
  if ((status >= 200 && status < 300) || status === 404) {
    if (body === notJson) {
      return failed(new ProviderBadResponseError(provider, `HTTP ${status} with a body that is not JSON`, requestId));
    }
    return { kind: 'ok', status, body, text: result.text, requestId };
  }
  if (status === 401 || status === 403) return failed(new ProviderAuthFailedError(provider));
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(result.headers);
    return failed(
      new RateLimitedError(provider, 'HTTP 429 after retries', {
        requestId,
        retryAfter: retryAfterMs === undefined ? rateLimitedRetryAfterSeconds : Math.max(1, Math.ceil(retryAfterMs / 1000)),
      }),
    );
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(result.headers);
    return failed(
      new ProviderUnavailableError(provider, `HTTP ${status}`, {
        requestId,
        retryAfter: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
      }),
    );
  }
  if (status >= 400) {
    const said = body === notJson ? undefined : context.readError?.(body);
    const message = said?.message;
    return failed(
      new ProviderRequestError(
        provider,
        status,
        said?.type,
        requestId,
        message === undefined ? undefined : sanitizeProviderMessage(message),
      ),
    );
  }
  return failed(new ProviderBadResponseError(provider, `unexpected HTTP ${status}`, requestId));
}

/** Seconds a client is told to wait after a 429 that named no time: the provider counts calls per second. */
const rateLimitedRetryAfterSeconds = 1;

const notJson = Symbol('not JSON');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return notJson;
  }
}

function failed(error: Error): FinalOutcome {
  return { kind: 'failed', error };
}
