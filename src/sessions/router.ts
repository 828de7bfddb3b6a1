import { InvalidSessionIdError } from '../errors.js';
import type { CheckoutProvider } from '../providers/checkout-provider.js';

const maxIdLength = 255;

/** Routes a session id to the provider that owns ids of its shape. */
export class SessionRouter {
  constructor(private readonly providers: readonly CheckoutProvider[]) {}

  /** Throws `BAD_USER_INPUT` for an id no provider owns; never touches the network. */
  providerFor(id: string): CheckoutProvider {
    if (id.length === 0) throw new InvalidSessionIdError('it is empty');
    if (id.length > maxIdLength) throw new InvalidSessionIdError(`it is longer than ${maxIdLength} characters`);
    const provider = this.providers.find((candidate) => candidate.ownsSessionId(id));
    if (!provider) {
      throw new InvalidSessionIdError('expected a Stripe session id (cs_test_... or cs_live_..., letters and digits)');
    }
    return provider;
  }
}
