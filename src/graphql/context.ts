import type { SessionLoaders } from '../sessions/loaders.js';

/** What every resolver gets: loaders made fresh for each GraphQL request. */
export interface RequestContext {
  loaders: SessionLoaders;
}
