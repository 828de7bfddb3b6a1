import { convergeGateProvider } from './convergegate/provider.js';
import type { ProviderModule } from './provider-module.js';
import { stripeProvider } from './stripe/provider.js';

/**
 * Every provider the subgraph serves, in the order their id shapes are asked: the first
 * shape that claims an id owns it, so Converge Gate, whose shape claims every id, is last.
 */
export const providerRegistry: readonly ProviderModule[] = [stripeProvider, convergeGateProvider];
