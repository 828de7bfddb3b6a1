import { GraphQLError } from 'graphql';

/**
 * Every error a client can see, each with the `extensions.code` it carries. Messages
 * name ids and fields, never a key, a customer's data or a provider's raw text.
 */
export const errorCodes = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'PROVIDER_NOT_CONFIGURED',
  'PROVIDER_AUTH_FAILED',
  'PROVIDER_UNAVAILABLE',
  'RATE_LIMITED',
  'PROVIDER_BAD_RESPONSE',
  'PROVIDER_ERROR',
  'TOO_MANY_SUBSCRIPTIONS',
  'SHUTTING_DOWN',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class PaymentsError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.code = code;
  }
}

export class InvalidSessionIdError extends PaymentsError {
  constructor(reason: string) {
    super(`Invalid checkout session id: ${reason}`, 'BAD_USER_INPUT', { argumentName: 'id' });
  }
}

/** An `_entities` representation that names no entity of this subgraph or has a key that cannot be one. */
export class InvalidRepresentationError extends PaymentsError {
  constructor(index: number, reason: string) {
    super(`Representation ${index} cannot be resolved: ${reason}`, 'BAD_USER_INPUT', { argumentName: 'representations' });
  }
}

export class SessionNotFoundError extends PaymentsError {
  constructor(id: string) {
    super(`Checkout session ${id} was not found`, 'NOT_FOUND');
  }
}

export class ProviderNotConfiguredError extends PaymentsError {
  constructor(id: string, provider: string) {
    super(`Checkout session ${id} belongs to ${provider}, which this subgraph is not configured for`, 'PROVIDER_NOT_CONFIGURED', {
      provider,
    });
  }
}

export class ProviderAuthFailedError extends PaymentsError {
  constructor(provider: string) {
    super(`${provider} rejected the configured API key`, 'PROVIDER_AUTH_FAILED', { provider });
  }
}

export class ProviderUnavailableError extends PaymentsError {
  constructor(provider: string, reason: string, details: { retryAfter?: number; requestId?: string } = {}) {
    super(`${provider} is unavailable: ${reason}`, 'PROVIDER_UNAVAILABLE', { provider, ...definedOnly(details) });
  }
}

/** The provider is well but busy: the account's rate budget is spent for now. */
export class RateLimitedError extends PaymentsError {
  constructor(provider: string, reason: string, details: { retryAfter: number; requestId?: string | undefined }) {
    super(`${provider} is rate limiting this subgraph: ${reason}`, 'RATE_LIMITED', { provider, ...definedOnly(details) });
  }
}

export class ProviderBadResponseError extends PaymentsError {
  constructor(provider: string, reason: string, requestId?: string) {
    super(`${provider} sent a response that could not be read: ${reason}`, 'PROVIDER_BAD_RESPONSE', {
      provider,
      ...definedOnly({ requestId }),
    });
  }
}

export class ProviderRequestError extends PaymentsError {
  /** `providerMessage` must already be sanitised: it reaches the client as it is. */
  constructor(provider: string, status: number, errorType: string | undefined, requestId?: string, providerMessage?: string) {
    super(`${provider} refused the request (HTTP ${status}${errorType ? `, ${errorType}` : ''})`, 'PROVIDER_ERROR', {
      provider,
      status,
      ...definedOnly({ providerErrorType: errorType, providerMessage, requestId }),
    });
  }
}

/** Past `MAX_SUBSCRIPTIONS` (this process) or `MAX_SUBSCRIPTIONS_PER_CONNECTION`. */
export class TooManySubscriptionsError extends PaymentsError {
  constructor(scope: 'process' | 'connection', limit: number) {
    const setting = scope === 'process' ? 'MAX_SUBSCRIPTIONS' : 'MAX_SUBSCRIPTIONS_PER_CONNECTION';
    super(
      scope === 'process'
        ? `This subgraph already serves ${limit} subscriptions (${setting}); subscribe again later or through another replica`
        : `This connection already holds ${limit} subscriptions (${setting}); complete one or open another connection`,
      'TOO_MANY_SUBSCRIPTIONS',
      { limit, setting },
    );
  }

  /** One connection started subscriptions faster than `perSecond`, however soon they ended. */
  static startedTooFast(perSecond: number): PaymentsError {
    return new PaymentsError(
      `This connection starts more than ${perSecond} subscriptions a second; subscribe again in a moment`,
      'TOO_MANY_SUBSCRIPTIONS',
      { limit: perSecond },
    );
  }
}

/** New subscriptions are refused once the replica is stopping (`/ready` answers 503). */
export class ShuttingDownError extends PaymentsError {
  constructor() {
    super('This replica is shutting down and takes no new subscriptions; subscribe again to reach another', 'SHUTTING_DOWN');
  }
}

function definedOnly(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
