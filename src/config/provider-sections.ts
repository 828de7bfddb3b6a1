import { convergeGateConfiguration, type ConvergeGateSection } from '../providers/convergegate/settings.js';
import { stripeConfiguration, type StripeSection } from '../providers/stripe/settings.js';
import type { Environment } from './environment.js';

/** Each provider's section under its provider key, present only once its settings are complete. */
export interface ProviderSections {
  stripe?: StripeSection;
  convergegate?: ConvergeGateSection;
}

export type ProviderKey = keyof ProviderSections;

/** Every provider's configuration, in the order its start-up errors are listed. */
export const providerConfigurations = { stripe: stripeConfiguration, convergegate: convergeGateConfiguration } as const;

const configurations = Object.values(providerConfigurations);

export function providerSections(env: Environment): ProviderSections {
  return { stripe: stripeConfiguration.sectionOf(env), convergegate: convergeGateConfiguration.sectionOf(env) };
}

/** The variables each of which turns its provider on and sandbox mode off. */
export const providerKeyVariables = configurations.map((configuration) => configuration.keyVariable);

/** The example the errors asking for a key give. */
export const providerKeyExample = `${stripeConfiguration.keyVariable}=${stripeConfiguration.keyExample}`;

export function hasProviderKey(env: Environment): boolean {
  return configurations.some((configuration) => env[configuration.keyVariable as keyof Environment] !== undefined);
}

export function providerSettingProblems(env: Environment): string[] {
  return configurations.flatMap((configuration) => configuration.problems(env));
}

/** A webhook secret names a provider whose key is missing: its webhooks would evict sessions nobody serves. */
export function webhookSecretProblems(env: Environment): string[] {
  // In sandbox mode the emulator serves every provider, so each secret has its provider.
  if (!hasProviderKey(env)) return [];
  const isSet = (variable: string) => env[variable as keyof Environment] !== undefined;
  return configurations
    .filter((configuration) => isSet(configuration.webhookSecretVariable) && !isSet(configuration.keyVariable))
    .map(
      ({ webhookSecretVariable: secret, keyVariable: key, keyExample }) =>
        `${secret} is set but ${key} is not: set the key for the provider whose webhooks it verifies, or unset ${secret}; for example ${key}=${keyExample}`,
    );
}

export interface SandboxSettings {
  /** The webhook secrets set for the emulator's providers; a provider without one signs with the emulator's own. */
  webhookSecrets: Partial<Record<ProviderKey, string>>;
  /** The Stripe API version the emulator is called with. */
  stripeApiVersion: string;
}

export function sandboxSettings(env: Environment): SandboxSettings {
  return {
    webhookSecrets: hasProviderKey(env) ? {} : { stripe: env.STRIPE_WEBHOOK_SECRET, convergegate: env.CONVERGEGATE_WEBHOOK_SECRET },
    stripeApiVersion: env.STRIPE_API_VERSION,
  };
}
