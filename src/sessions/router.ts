import { InvalidSessionIdError, ProviderNotConfiguredError } from '../errors.js';
import type { PaymentProvider } from '../model/checkout-session.js';
import type { CheckoutProvider } from '../providers/checkout-provider.js';
import type { ProviderModule } from '../providers/provider-module.js';
import { providerRegistry } from '../providers/registry.js';

/** Routes a session id to the provider that owns ids of its shape. */
export class SessionRouter {
  constructor(
    private readonly providers: readonly CheckoutProvider[],
    /** Asked in its order: the first id shape that claims an id decides its provider. */
    private readonly registry: readonly ProviderModule[] = providerRegistry,
  ) {}

  /**
   * Throws `BAD_USER_INPUT` for a malformed id and `PROVIDER_NOT_CONFIGURED` for an id of
   * a provider this subgraph has no key for; never touches the network.
   */
  providerFor(id: string): CheckoutProvider {
    if (id.length === 0) throw new InvalidSessionIdError('it is empty');
    const module = this.registry.find((candidate) => candidate.idShape.claims(id));
    if (!module) throw new InvalidSessionIdError('no provider has ids of this shape');
    const problem = module.idShape.problemWith(id);
    if (problem !== undefined) throw new InvalidSessionIdError(problem);
    const provider = this.providers.find((candidate) => candidate.key === module.key);
    if (!provider) throw new ProviderNotConfiguredError(id, module.label);
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

  /** The configured provider whose sessions carry this schema value; sessions it returned carry it, so it exists. */
  providerOf(schemaValue: PaymentProvider): CheckoutProvider {
    const module = this.registry.find((candidate) => candidate.schemaValue === schemaValue);
    const provider = module && this.providers.find((candidate) => candidate.key === module.key);
    if (!provider) throw new Error(`${schemaValue} is not configured`);
    return provider;
  }
}
