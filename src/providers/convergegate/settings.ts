import type { z } from 'zod';
import { freeText, providerKey, providerUrl, providerUrlRule, settingRules, type ProviderConfiguration, type ProviderSection } from '../../config/settings.js';

/** Converge Gate's variables: its key and the base URL it gave the merchant (both or neither), and its webhook secret. */
const convergeGateSettings = {
  CONVERGEGATE_SECRET_KEY: providerKey(/^sk_(test|live)_\w+$/, {
    expected: 'a Converge Gate secret key (sk_live_... or sk_test_...)',
    example: 'sk_live_...',
  }),
  CONVERGEGATE_API_URL: providerUrl.optional().register(settingRules, providerUrlRule('https://pay.example.com/gateway')),
  CONVERGEGATE_WEBHOOK_SECRET: freeText,
};

export interface ConvergeGateSection extends ProviderSection {
  /** The merchant's base URL; it may carry a path. */
  apiUrl: string;
  /** The secret key its webhooks are signed with; undefined leaves `/webhooks/convergegate` off. */
  webhookSecret: string | undefined;
}

type ConvergeGateVariables = z.output<z.ZodObject<typeof convergeGateSettings>>;

function pairProblem(env: ConvergeGateVariables): string | undefined {
  if (env.CONVERGEGATE_SECRET_KEY !== undefined && env.CONVERGEGATE_API_URL === undefined) {
    return 'CONVERGEGATE_API_URL is required when CONVERGEGATE_SECRET_KEY is set: the base URL Converge Gate gave the merchant; for example CONVERGEGATE_API_URL=https://pay.example.com/gateway';
  }
  if (env.CONVERGEGATE_API_URL !== undefined && env.CONVERGEGATE_SECRET_KEY === undefined) {
    return 'CONVERGEGATE_SECRET_KEY is required when CONVERGEGATE_API_URL is set: the Converge Gate key to call it with; for example CONVERGEGATE_SECRET_KEY=sk_live_...';
  }
  return undefined;
}

export const convergeGateConfiguration: ProviderConfiguration<ConvergeGateSection, ConvergeGateVariables> = {
  variables: convergeGateSettings,
  keyVariable: 'CONVERGEGATE_SECRET_KEY',
  keyExample: 'sk_live_...',
  webhookSecretVariable: 'CONVERGEGATE_WEBHOOK_SECRET',
  sectionOf: (env) =>
    env.CONVERGEGATE_SECRET_KEY === undefined || env.CONVERGEGATE_API_URL === undefined
      ? undefined
      : { secretKey: env.CONVERGEGATE_SECRET_KEY, apiUrl: env.CONVERGEGATE_API_URL, webhookSecret: env.CONVERGEGATE_WEBHOOK_SECRET },
  problems: (env) => [pairProblem(env)].filter((problem) => problem !== undefined),
  sandboxSectionOf: (env, emulated) => ({ ...emulated, webhookSecret: env.CONVERGEGATE_WEBHOOK_SECRET ?? emulated.webhookSecret }),
};
