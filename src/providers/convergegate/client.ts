import type { Logger } from 'pino';
import { SessionNotFoundError } from '../../errors.js';
import type { CheckoutSession } from '../../model/checkout-session.js';
import type { ReadExpansion } from '../../model/read-expansion.js';
import type { ReadOrigin } from '../../request-tally.js';
import type { CheckoutProvider } from '../checkout-provider.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { basicAuthorization } from '../http/basic-authorization.js';
import { providerPath, providerUrl } from '../provider-url.js';
import type { ProviderRateLimits } from '../http/rate-limit.js';
import { providerAccount } from '../provider-account.js';
import { errorBodyReader, readWireBody, WireWarnings } from '../wire-readers.js';
import { toCheckoutSession } from './map.js';
import { convergeGateWireError, convergeGateWireSession } from './wire.js';
import { convergeGateIdentity } from './identity.js';

export interface ConvergeGateClientOptions {
  /** The merchant's base URL; it may carry a path (`https://pay.example.com/gateway`). */
  apiUrl: string;
  secretKey: string;
}

const providerName = convergeGateIdentity.label;
const sessionEndpoint = '/v1/checkout/sessions/{id}';
/**
 * Converge Gate documents no limits and no reason on its 429s: every call counts against
 * the account's one budget (and an endpoint budget only when one is configured), and every
 * 429 slows that.
 */
const convergeGateRateLimits: ProviderRateLimits = { endpoints: { [sessionEndpoint]: undefined } };

/** Converge Gate's BLIK checkout: sessions carry their refunds and fees, and have no line items. */
export class ConvergeGateClient implements CheckoutProvider {
  readonly key = convergeGateIdentity.key;
  readonly label = convergeGateIdentity.label;
  readonly expansions: readonly ReadExpansion[] = [];
  private readonly headers: Record<string, string>;
  readonly account: string;
  private readonly warnings: WireWarnings;

  /** `logger` is told of what a session held that the mapping did not expect. */
  constructor(
    private readonly http: ProviderHttpClient,
    private readonly options: ConvergeGateClientOptions,
    logger: Logger,
  ) {
    this.warnings = new WireWarnings(convergeGateIdentity, logger);
    this.account = providerAccount(this.key, options.secretKey);
    this.headers = { authorization: basicAuthorization(options.secretKey) };
  }

  async retrieveSession(id: string, _expansions: readonly ReadExpansion[], origin?: ReadOrigin): Promise<CheckoutSession> {
    const path = providerPath(sessionEndpoint, { id });
    const response = await this.http.getJson({
      provider: providerName,
      account: this.account,
      url: providerUrl(this.options.apiUrl, path.segments),
      pathTemplate: path.template,
      origin,
      headers: this.headers,
      rateLimits: convergeGateRateLimits,
      readError,
    });
    if (response.status === 404) throw new SessionNotFoundError(id);
    const session = readWireBody(convergeGateWireSession, response.body, { provider: providerName, problem: 'not a checkout session', requestId: response.requestId });
    return toCheckoutSession(session, id, this.warnings);
  }
}

const readError = errorBodyReader(convergeGateWireError, (error) => error);
