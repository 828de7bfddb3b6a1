import type { ProviderIdentity } from '../provider-identity.js';

export const stripeIdentity: ProviderIdentity = { key: 'stripe', schemaValue: 'STRIPE', label: 'Stripe' };
