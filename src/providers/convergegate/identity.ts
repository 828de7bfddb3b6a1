import type { ProviderIdentity } from '../provider-identity.js';

export const convergeGateIdentity: ProviderIdentity = { key: 'convergegate', schemaValue: 'CONVERGE_GATE', label: 'Converge Gate' };
