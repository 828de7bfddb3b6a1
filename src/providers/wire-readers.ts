import type { Logger } from 'pino';
import type { z } from 'zod';
import { ProviderBadResponseError } from '../errors.js';
import { LogOnce } from '../logger.js';
import type { Money } from '../model/money.js';
import type { RefundStatus } from '../model/refund.js';
import type { ProviderIdentity } from './provider-identity.js';

// Readers of the value shapes every provider's wire format shares, for its mappers and client.

/**
 * Where a provider's mappers tell what a body held that the subgraph did not expect: each
 * distinct surprise is logged once, as a warning naming the provider by its schema value,
 * under `<provider key>.<key>`. Its client makes one from the logger it is handed.
 */
export class WireWarnings {
  private readonly once: LogOnce;

  constructor(
    private readonly provider: ProviderIdentity,
    logger: Logger,
  ) {
    this.once = new LogOnce(logger);
  }

  /** `unknownValue(field)` logs each value of `field` new to the subgraph, which answers it as `UNKNOWN`, once. */
  unknownValue(field: string): (value: string) => void {
    return (value) => this.warn(`${field}.${value}`, { field, value }, 'unknown enum value mapped to UNKNOWN');
  }

  warn(key: string, fields: Record<string, unknown>, message: string): void {
    this.once.warn(`${this.provider.key}.${key}`, { provider: this.provider.schemaValue, ...fields }, message);
  }
}

/** Amounts in minor units of `currency` (upper case), with its digits as the provider counts them; null without a currency. */
export function moneyIn(currency: string | null, minorUnitDigits: (currency: string) => number): (amount: number | null | undefined) => Money | null {
  return (amount) =>
    amount === null || amount === undefined || currency === null ? null : { amount, currency, minorUnitDigits: minorUnitDigits(currency) };
}

export function fromUnixSeconds(seconds: number | null | undefined): Date | null {
  return seconds === null || seconds === undefined ? null : new Date(seconds * 1000);
}

/** A refund's status, as Stripe and the providers shaped like it spell it. */
export const refundStatuses: Readonly<Record<string, RefundStatus>> = {
  pending: 'PENDING',
  requires_action: 'REQUIRES_ACTION',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  canceled: 'CANCELED',
};

/** The body as `schema` reads it, or a bad-response error naming the first field that does not fit. */
export function readWireBody<Body>(
  schema: z.ZodType<Body>,
  body: unknown,
  answer: { provider: string; problem: string; requestId: string | undefined },
): Body {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'body';
    throw new ProviderBadResponseError(answer.provider, `${answer.problem} (at ${field})`, answer.requestId);
  }
  return parsed.data;
}

/** What a provider's error body says: its type and message, either absent when it does not say. */
export interface ProviderErrorBody {
  type?: string | undefined;
  message?: string | undefined;
}

/** Reads an error body with `schema` once; undefined when the body is not one. */
export function errorBodyReader<Parsed>(schema: z.ZodType<Parsed>, errorOf: (parsed: Parsed) => ProviderErrorBody): (body: unknown) => ProviderErrorBody | undefined {
  return (body) => {
    const parsed = schema.safeParse(body);
    return parsed.success ? errorOf(parsed.data) : undefined;
  };
}
