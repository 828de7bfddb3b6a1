import type { Logger } from 'pino';
import type { ProviderSections, ProviderVariables } from '../config/provider-sections.js';
import type { ProviderConfiguration, ProviderSection } from '../config/settings.js';
import type { PaymentProvider } from '../model/checkout-session.js';
import type { CheckoutProvider, SessionIdShape } from './checkout-provider.js';
import type { EmulatedProvider } from './emulated-provider.js';
import type { ProviderHttpClient } from './http/provider-http-client.js';
import type { TimestampWindow, WebhookSource } from './webhook-source.js';

/**
 * All the rest of the subgraph knows of one payment provider, exported by its folder
 * (`providers/<key>/provider.ts`) and listed once in `providers/registry.ts`.
 */
export interface ProviderModule {
  /** The key the code knows it by: its webhook path (`/webhooks/<key>`) and its accounts' Redis names (`<key>:live:…`). */
  readonly key: string;
  /** The schema's `PaymentProvider` value its sessions carry. */
  readonly schemaValue: PaymentProvider;
  /** The name a person reads: errors, logs, `/ready`'s keys, metric labels and `extensions.provider`. */
  readonly label: string;
  /** How its session ids look: known whether or not it is configured. */
  readonly idShape: SessionIdShape;
  /** Whether its session body carries the session's refunds, so a final session still changes when refunded. */
  readonly refundsOnSession: boolean;
  /** Its client when its section is present, i.e. it is configured; undefined otherwise. `logger` hears what its bodies held that its mapping did not expect. */
  createClient(sections: ProviderSections, http: ProviderHttpClient, logger: Logger): CheckoutProvider | undefined;
  readonly webhooks: {
    /** The setting its webhook secret is read from, named in the answer of its route while unset. */
    readonly secretVariable: string;
    /** Its webhook secret, from its section; undefined leaves `/webhooks/<key>` answering 404. */
    secretOf(sections: ProviderSections): string | undefined;
    createSource(secret: string, window: TimestampWindow): WebhookSource;
  };
  /** Its section of the configuration: how it is built from its variables, and their checks (`<key>/settings.ts`). */
  readonly configuration: ProviderConfiguration<ProviderVariables, ProviderSection>;
  /** Its paths, example sessions and webhooks as the emulator serves them (`<key>/emulator/`). */
  readonly emulator: EmulatedProvider;
}
