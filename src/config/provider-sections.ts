import type { z } from 'zod';
import { providerRegistry } from '../providers/registry.js';
import type { Environment } from './environment.js';
import type { ProviderSections } from './settings.js';


// Each provider's configuration comes with its module (`providers/<key>/settings.ts`); these read them all, in the registry's order.

const configurations = providerRegistry.map((module) => module.configuration);

/** Every provider's variables and their rules, in the registry's order: spread into the environment schema. */
export const providerVariableShapes: z.ZodRawShape = Object.assign({}, ...configurations.map((configuration) => configuration.variables));

export function providerSections(env: Environment): ProviderSections {
  return Object.fromEntries(
    providerRegistry.flatMap((module) => {
      const section = module.configuration.sectionOf(env);
      return section === undefined ? [] : [[module.key, section]];
    }),
  );
}

/** Every provider's variables as read, from which sandbox mode keeps what still applies beside the emulator. */
export type ProviderVariables = Readonly<Record<string, unknown>>;

export function providerVariables(env: Environment): ProviderVariables {
  return Object.fromEntries(Object.keys(providerVariableShapes).map((variable) => [variable, valueOf(env, variable)]));
}

/** The variables each of which turns its provider on and sandbox mode off. */
export const providerKeyVariables = configurations.map((configuration) => configuration.keyVariable);

/** The example the errors asking for a key give: the first provider's. */
export const providerKeyExample = `${configurations[0]!.keyVariable}=${configurations[0]!.keyExample}`;

/** A variable of a provider's, which the environment's type does not name. */
const valueOf = (env: Environment, variable: string): unknown => (env as Readonly<Record<string, unknown>>)[variable];
const isSet = (env: Environment, variable: string) => valueOf(env, variable) !== undefined;

export function hasProviderKey(env: Environment): boolean {
  return configurations.some((configuration) => isSet(env, configuration.keyVariable));
}

export function providerSettingProblems(env: Environment): string[] {
  return configurations.flatMap((configuration) => configuration.problems(env));
}

/** A webhook secret names a provider whose key is missing: its webhooks would evict sessions nobody serves. */
export function webhookSecretProblems(env: Environment): string[] {
  // In sandbox mode the emulator serves every provider, so each secret has its provider.
  if (!hasProviderKey(env)) return [];
  return configurations
    .filter((configuration) => isSet(env, configuration.webhookSecretVariable) && !isSet(env, configuration.keyVariable))
    .map(
      ({ webhookSecretVariable: secret, keyVariable: key, keyExample }) =>
        `${secret} is set but ${key} is not: set the key for the provider whose webhooks it verifies, or unset ${secret}; for example ${key}=${keyExample}`,
    );
}
