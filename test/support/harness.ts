import { afterAll, beforeAll, beforeEach } from 'vitest';
import { request } from 'undici';
import { startSubgraph, type RunningSubgraph, type SubgraphOptions } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { ProviderEmulator, type ProviderEmulatorOptions } from '../../src/emulator/server.js';
import { quietLogger } from './log-lines.js';

export interface GraphQLResult<Data = Record<string, unknown>> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  data?: Data | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  text: string;
}

export interface Harness {
  emulator: ProviderEmulator;
  subgraph: RunningSubgraph;
  graphqlUrl: string;
  query<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<Data>>;
  close(): Promise<void>;
}

/**
 * Starts the provider emulator and a subgraph pointed at it for both providers (set a
 * provider's key to '' to leave it unconfigured), both on loopback ports, and
 * returns a client that speaks to the subgraph over real HTTP. `subgraphOptions` take
 * the subgraph's log lines (a `memoryLogger`) or spans where a test can read them; the
 * lines go nowhere otherwise, unless `LOG_LEVEL` is set in the tests' environment. The subgraph's pacing is
 * off and the emulator's Stripe rate limits are lifted to match, unless a test turns them
 * on (`PROVIDER_RATE_LIMIT`, `PROVIDER_GLOBAL_RATE_LIMIT`, `stripeRateLimits: 'documented'`).
 */
export async function startHarness(
  environment: Record<string, string> = {},
  emulatorOptions: ProviderEmulatorOptions = {},
  subgraphOptions: Partial<SubgraphOptions> = {},
): Promise<Harness> {
  const emulator = await ProviderEmulator.start({ stripeRateLimits: 'lifted', ...emulatorOptions });
  const subgraph = await startSubgraphFor(emulator, environment, subgraphOptions);
  const graphqlUrl = `${subgraph.url}/graphql`;
  return {
    emulator,
    subgraph,
    graphqlUrl,
    query: (query, variables) => postGraphQL(graphqlUrl, { query, variables }),
    async close() {
      await subgraph.close();
      await emulator.close();
    },
  };
}

/** A subgraph in this process pointed at the emulator for both providers; several can share one emulator, as replicas do. */
export async function startSubgraphFor(
  emulator: ProviderEmulator,
  environment: Record<string, string> = {},
  subgraphOptions: Partial<SubgraphOptions> = {},
): Promise<RunningSubgraph> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    STRIPE_SECRET_KEY: emulator.stripeSecretKey,
    STRIPE_API_URL: emulator.url,
    CONVERGEGATE_SECRET_KEY: emulator.convergeGateSecretKey,
    // Its URL goes with its key: a URL without a key stops start-up.
    CONVERGEGATE_API_URL: environment.CONVERGEGATE_SECRET_KEY === '' ? '' : emulator.convergeGateUrl,
    // Pacing is off unless a test turns it on: it would only slow the suite down.
    PROVIDER_RATE_LIMIT: '0',
    PROVIDER_GLOBAL_RATE_LIMIT: '0',
    // Each test counts its own provider calls; the suites about the cache turn it on.
    CACHE: 'off',
    ...environment,
  });
  return startSubgraph(config, { logger: quietLogger(), ...subgraphOptions });
}

export async function postGraphQL<Data = Record<string, any>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<Data>> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  let parsed: { data?: Data | null; errors?: GraphQLResult['errors'] } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // Left as text for the test to assert on.
  }
  return { status: response.statusCode, headers: response.headers, text, ...parsed };
}

/**
 * A harness for a `describe` block: started before its tests, closed after them, with the
 * emulator's call counts and faults cleared before each test.
 */
export function useHarness(
  environment: Record<string, string> = {},
  emulatorOptions: ProviderEmulatorOptions = {},
  subgraphOptions: Partial<SubgraphOptions> = {},
): Harness {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness(environment, emulatorOptions, subgraphOptions);
  });
  afterAll(() => current?.close());
  beforeEach(() => {
    started().emulator.resetCalls();
    started().emulator.clearFaults();
  });
  const started = (): Harness => {
    if (!current) throw new Error('the harness starts in beforeAll; use it inside a test');
    return current;
  };
  return {
    get emulator() {
      return started().emulator;
    },
    get subgraph() {
      return started().subgraph;
    },
    get graphqlUrl() {
      return started().graphqlUrl;
    },
    query: (query, variables) => started().query(query, variables),
    close: () => started().close(),
  };
}
