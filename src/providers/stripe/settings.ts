import { z } from 'zod';
import { providerKey, providerUrl, providerUrlRule, settingRules } from '../../config/settings.js';

/** Stripe's variables: its key, base URL and API version, and its webhook endpoint secret. */
export const stripeSettings = {
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
