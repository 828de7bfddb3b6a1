import { ProviderBadResponseError, SessionNotFoundError } from '../../errors.js';
import type { CheckoutSession } from '../../model/checkout-session.js';
import type { CheckoutProvider } from '../checkout-provider.js';
import type { ProviderHttpClient } from '../http.js';
import { basicAuthorization, providerUrl } from '../provider-url.js';
import { toCheckoutSession } from './map.js';
import { isStripeSessionId } from './session-id.js';
import { stripeWireError, stripeWireSession } from './wire.js';

export interface StripeClientOptions {
  apiUrl: string;
  secretKey: string;
  apiVersion: string;
}

const providerName = 'Stripe';
/** Stripe allows about 100 reads per second with a live key and 25 with a test key. */
const liveModeRateLimit = 90;
const testModeRateLimit = 20;

export class StripeClient implements CheckoutProvider {
  readonly name = 'STRIPE' as const;
  private readonly headers: Record<string, string>;
  private readonly rateLimit: number;

  constructor(
    private readonly http: ProviderHttpClient,
    private readonly options: StripeClientOptions,
  ) {
    this.headers = {
      authorization: basicAuthorization(options.secretKey),
      'stripe-version': options.apiVersion,
    };
    this.rateLimit = /^(sk|rk)_live_/.test(options.secretKey) ? liveModeRateLimit : testModeRateLimit;
  }

  ownsSessionId(id: string): boolean {
    return isStripeSessionId(id);
  }

  async retrieveSession(id: string): Promise<CheckoutSession> {
    const response = await this.http.getJson({
      provider: providerName,
      url: providerUrl(this.options.apiUrl, ['v1', 'checkout', 'sessions', id]),
      headers: this.headers,
      defaultRateLimit: this.rateLimit,
      readErrorType,
      readErrorMessage,
    });
    if (response.status === 404) throw new SessionNotFoundError(id);
    const parsed = stripeWireSession.safeParse(response.body);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'body';
      throw new ProviderBadResponseError(providerName, `not a checkout session (at ${field})`, response.requestId);
    }
    return toCheckoutSession(parsed.data, id);
  }
}

function readErrorType(body: unknown): string | undefined {
  const parsed = stripeWireError.safeParse(body);
  return parsed.success ? parsed.data.error.type : undefined;
}

function readErrorMessage(body: unknown): string | undefined {
  const parsed = stripeWireError.safeParse(body);
  return parsed.success ? parsed.data.error.message : undefined;
}
