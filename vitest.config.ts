import { defineConfig } from 'vitest/config';

const redisServer = 'test/support/global-setup/redis-server.ts';
const compiledSubgraph = 'test/support/global-setup/compiled-subgraph.ts';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
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
