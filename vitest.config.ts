import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
const redisServer = 'test/support/global-setup/redis-server.ts';
const compiledSubgraph = 'test/support/global-setup/compiled-subgraph.ts';

export default defineConfig({
  // The project's files import the `graphql` that Node gives every package (its CommonJS
  // build), not the ES module build Vite prefers: two copies would refuse each other's types.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Vitest's default is one worker less than the cores, which on a 2-core machine runs one file
    // at a time while most files wait on sockets and child processes: two at least halve the wall time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        // Pure functions, mappers, configuration and the HTTP layer's pieces on fake clocks:
        // no sockets, no Redis, no child processes.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        // Over real HTTP (emulator, undici, Apollo Server, gateways) and real Redis.
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: [redisServer] },
      },
      {
        extends: true,
        // The compiled subgraph as processes, the benchmark, the image's steps on the host and
        // every documented example.
        test: { name: 'slow', include: ['test/slow/**/*.test.ts'], globalSetup: [redisServer, compiledSubgraph] },
      },
    ],
  },
});
