import { convergeGateConfiguration, convergeGateSettings, type ConvergeGateSection } from '../providers/convergegate/settings.js';
import { stripeConfiguration, stripeSettings, type StripeSection } from '../providers/stripe/settings.js';
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

/** Every provider's variables as read, from which sandbox mode keeps what still applies beside the emulator. */
export type ProviderVariables = Pick<Environment, keyof typeof stripeSettings | keyof typeof convergeGateSettings>;

export function providerVariables(env: Environment): ProviderVariables {
  const variables = Object.keys({ ...stripeSettings, ...convergeGateSettings }) as Array<keyof ProviderVariables>;
  return Object.fromEntries(variables.map((variable) => [variable, env[variable]])) as ProviderVariables;
}
