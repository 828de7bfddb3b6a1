import type { SessionLoaders } from '../sessions/loaders.js';

/** What every resolver gets: loaders made fresh for each GraphQL request, and settings. */
export interface RequestContext {
  loaders: SessionLoaders;
  /** The metadata key holding a session's order id when it has no client reference id. */
  orderIdMetadataKey: string;
}
