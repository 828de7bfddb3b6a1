import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config/config.js';
import type { StripeSection } from '../../../../src/providers/stripe/settings.js';

describe("the Stripe API version the subgraph pins, and the SDK whose types check the emulator's objects", () => {
  it('are the same version: the emulator is typed against the API the subgraph asks Stripe for by default', () => {
    const section = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_versionCheck' }).providers.stripe as StripeSection | undefined;
    // stripe-node's pinned version; package.json pins the release that has it.
    expect(Stripe.API_VERSION).toBe('2026-07-29.dahlia');
    expect(section?.apiVersion).toBe(Stripe.API_VERSION);
  });
});
