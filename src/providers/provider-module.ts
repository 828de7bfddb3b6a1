import type { Logger } from 'pino';
import type { ProviderConfiguration, ProviderSection } from '../config/settings.js';
import type { CheckoutProvider, SessionIdShape } from './checkout-provider.js';
import type { EmulatedProvider } from './emulated-provider.js';
import type { ProviderHttpClient } from './http/provider-http-client.js';
import type { ProviderIdentity } from './provider-identity.js';
import type { TimestampWindow, WebhookSource } from './webhook-source.js';

/**
 * All the rest of the subgraph knows of one payment provider, exported by its folder
 * (`providers/<key>/provider.ts`) and listed once in `providers/registry.ts`.
 */
export interface ProviderModule extends ProviderIdentity {
  /** How its session ids look: known whether or not it is configured. */
  readonly idShape: SessionIdShape;
  /** Whether its session body carries the session's refunds, so a final session still changes when refunded. */
  readonly refundsOnSession: boolean;
  /**
   * Its client, from its whole section (the one `configuration` builds, under its key in
   * `Config.providers`), asked for only when the section is present. `logger` hears what
   * its bodies held that its mapping did not expect.
   */
  createClient(section: ProviderSection, http: ProviderHttpClient, logger: Logger): CheckoutProvider;
  readonly webhooks: {
    /** The setting its webhook secret is read from, named in the answer of its route while unset. */
    readonly secretVariable: string;
    /** Its source, once its section holds a webhook secret; until then `/webhooks/<key>` answers 404. */
    createSource(secret: string, window: TimestampWindow): WebhookSource;
  };
  /** Its section of the configuration: its variables, how the section is built from them, and their checks (`<key>/settings.ts`). */
  readonly configuration: ProviderConfiguration;
  /** Its paths, example sessions and webhooks as the emulator serves them (`<key>/emulator/`). */
  readonly emulator: EmulatedProvider;
}
