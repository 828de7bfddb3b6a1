import { freeText, providerKey, providerUrl, providerUrlRule, settingRules } from '../../config/settings.js';

/** Converge Gate's variables: its key and the base URL it gave the merchant (both or neither), and its webhook secret. */
export const convergeGateSettings = {
  CONVERGEGATE_SECRET_KEY: providerKey(/^sk_(test|live)_\w+$/, {
    expected: 'a Converge Gate secret key (sk_live_... or sk_test_...)',
    example: 'sk_live_...',
  }),
  CONVERGEGATE_API_URL: providerUrl.optional().register(settingRules, providerUrlRule('https://pay.example.com/gateway')),
  CONVERGEGATE_WEBHOOK_SECRET: freeText,
};
