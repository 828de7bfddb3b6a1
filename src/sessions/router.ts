import { InvalidSessionIdError, ProviderNotConfiguredError } from '../errors.js';
import type { PaymentProvider } from '../model/checkout-session.js';
import type { CheckoutProvider, SessionIdShape } from '../providers/checkout-provider.js';
import type { ProviderModule } from '../providers/provider-module.js';
import { providerRegistry } from '../providers/registry.js';

/** Routes a session id to the provider that owns ids of its shape. */
export class SessionRouter {
  /** Asked in the registry's order: the first shape that claims an id decides its provider. */
  private readonly idShapes: readonly SessionIdShape[];

  constructor(
    private readonly providers: readonly CheckoutProvider[],
    registry: readonly ProviderModule[] = providerRegistry,
  ) {
    this.idShapes = registry.map((module) => module.idShape);
  }

  /**
   * Throws `BAD_USER_INPUT` for a malformed id and `PROVIDER_NOT_CONFIGURED` for an id of
   * a provider this subgraph has no key for; never touches the network.
   */
  providerFor(id: string): CheckoutProvider {
    if (id.length === 0) throw new InvalidSessionIdError('it is empty');
    const shape = this.idShapes.find((candidate) => candidate.claims(id));
    if (!shape) throw new InvalidSessionIdError('no provider has ids of this shape');
    const problem = shape.problemWith(id);
    if (problem !== undefined) throw new InvalidSessionIdError(problem);
    const provider = this.providers.find((candidate) => candidate.name === shape.provider);
    if (!provider) throw new ProviderNotConfiguredError(id, shape.displayName);
    return provider;
  }

  /** The account of the configured provider that owns the id; undefined for a malformed id or one of no configured provider. */
  accountOf(id: string): string | undefined {
    try {
      return this.providerFor(id).account;
    } catch {
      return undefined;
    }
  }

  /** The configured provider of that name; sessions it returned name it, so it exists. */
  providerNamed(name: PaymentProvider): CheckoutProvider {
    const provider = this.providers.find((candidate) => candidate.name === name);
    if (!provider) throw new Error(`${name} is not configured`);
    return provider;
  }
}
