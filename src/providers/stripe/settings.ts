import { z } from 'zod';
import { providerKey, providerUrl, providerUrlRule, settingRules, type ProviderConfiguration, type ProviderSection } from '../../config/settings.js';

/** Stripe's variables: its key, base URL and API version, and its webhook endpoint secret. */
const stripeSettings = {
  STRIPE_SECRET_KEY: providerKey(/^(sk|rk)_(test|live)_\w+$/, {
    expected: 'a Stripe secret or restricted key (sk_live_..., sk_test_..., rk_live_..., rk_test_...)',
    example: 'sk_live_...',
  }),
  STRIPE_API_URL: providerUrl.default('https://api.stripe.com').register(settingRules, providerUrlRule('https://api.stripe.com')),
  STRIPE_API_VERSION: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/)
    .default('2026-07-29.dahlia')
    .register(settingRules, { expected: 'a Stripe API version, YYYY-MM-DD with an optional .name', example: '2026-07-29.dahlia' }),
  STRIPE_WEBHOOK_SECRET: providerKey(/^whsec_\w+$/, {
    expected: 'a Stripe webhook endpoint secret (whsec_...)',
    example: 'whsec_...',
  }),
};

export interface StripeSection extends ProviderSection {
  apiVersion: string;
  /** Its endpoint secret (`whsec_...`); undefined leaves `/webhooks/stripe` off. */
  webhookSecret: string | undefined;
}

type StripeVariables = z.output<z.ZodObject<typeof stripeSettings>>;

export const stripeConfiguration: ProviderConfiguration<StripeSection, StripeVariables> = {
  variables: stripeSettings,
  keyVariable: 'STRIPE_SECRET_KEY',
  keyExample: 'sk_live_...',
  webhookSecretVariable: 'STRIPE_WEBHOOK_SECRET',
  sectionOf: (env) =>
    env.STRIPE_SECRET_KEY === undefined
      ? undefined
      : { secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL, apiVersion: env.STRIPE_API_VERSION, webhookSecret: env.STRIPE_WEBHOOK_SECRET },
  problems: () => [],
  sandboxSectionOf: (env, emulated) => ({
    ...emulated,
    apiVersion: env.STRIPE_API_VERSION,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? emulated.webhookSecret,
  }),
};
