import type Stripe from 'stripe';
import { json, type NormalAnswer } from '../../emulated-provider.js';

/** Stripe's error body, as its API sends it. */
export type StripeErrorJson = { error: Stripe.StripeRawError };

/** The request an error answers: its id, and its key's mode, for the link to its log in Stripe's dashboard. */
export interface StripeRequest {
  id: string;
  livemode: boolean;
}

/**
 * An error as Stripe sends it (docs.stripe.com/api/errors): its type and message; for an
 * error with a code, the code and its page; the parameter at fault when there is one; and
 * the request's log in the dashboard.
 */
export function stripeErrorAnswer(
  request: StripeRequest | undefined,
  status: number,
  error: { type: Stripe.RawErrorType; message: string; code?: string; param?: string },
): NormalAnswer {
  const body: StripeErrorJson = {
    error: {
      ...(error.code ? { code: error.code, doc_url: `https://docs.stripe.com/error-codes/${error.code.replaceAll('_', '-')}` } : {}),
      message: error.message,
      ...(error.param ? { param: error.param } : {}),
      ...(request
        ? { request_log_url: `https://dashboard.stripe.com/${request.livemode ? '' : 'test/'}logs/${request.id}?t=${Math.floor(Date.now() / 1000)}` }
        : {}),
      type: error.type,
    },
  };
  return json(status, body);
}
