import { randomBytes } from 'node:crypto';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '../../src/app.js';
import { convergeGatePendingId } from '../../src/providers/convergegate/emulator/sessions.js';
import { ProviderEmulator, type EmulatorCall, type EmulatorFault } from '../../src/emulator/server.js';
import { busiestSecond } from '../support/busiest-second.js';
import { scrape } from '../support/prometheus-text.js';
import { postGraphQL, startHarness, startSubgraphFor, type Harness } from '../support/harness.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

/** The subgraph's own defaults: the harness turns pacing off, these settings unset turn it back on. */
const defaultPacing = { PROVIDER_RATE_LIMIT: '', PROVIDER_GLOBAL_RATE_LIMIT: '' };
const sessionEndpoint = '/v1/checkout/sessions/{id}';
const budgetMetric = 'payments_subgraph_provider_rate_budget_calls_per_second';
const rateLimitedMetric = 'payments_subgraph_provider_rate_limited_total';
const entitiesQuery = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CheckoutSession { id status } } }`;
const detailsQuery = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on CheckoutSession { id lineItems { id } refunds { id } } }
}`;

let sessionNumber = 0;
/** Fresh sessions in the emulator, each with its own payment intent (a refund list call each). */
function putSessions(emulator: ProviderEmulator, mode: 'test' | 'live', count: number): string[] {
  return Array.from({ length: count }, () => {
    sessionNumber += 1;
    const id = `cs_${mode}_ratelimits${String(sessionNumber).padStart(5, '0')}abcdef`;
    emulator.putStripeSession({ id, object: 'checkout.session', status: 'open', currency: 'usd', amount_total: 100, payment_intent: `pi_rate${sessionNumber}` });
    return id;
  });
}

const representations = (ids: string[]) => ids.map((id) => ({ __typename: 'CheckoutSession', id }));

/** Which Stripe endpoint a call counts against, as Stripe counts them. */
function endpointOf(call: EmulatorCall): string {
  if (call.path.startsWith('/v1/refunds')) return '/v1/refunds';
  return call.path.split('?')[0]!.endsWith('/line_items') ? '/v1/checkout/sessions/{id}/line_items' : sessionEndpoint;
}

/** Most of the calls that arrived at the emulator (or of the times given) within any one second. */
function busiestSecondOf(calls: readonly EmulatorCall[] | readonly number[]): number {
  return busiestSecond(calls.map((call) => (typeof call === 'number' ? call : call.at)));
}

/**
 * When the subgraph sent each provider call, by endpoint, from its client spans (a span
 * starts as its call is sent; these tests draw no 429, so no call has a retry).
 */
function sentAt(exporter: InMemorySpanExporter): Map<string, number[]> {
  const sent = new Map<string, number[]>();
  for (const span of exporter.getFinishedSpans()) {
    const endpoint = span.attributes['url.template'];
    if (typeof endpoint !== 'string' || span.attributes['payments.provider'] !== 'Stripe') continue;
    sent.set(endpoint, [...(sent.get(endpoint) ?? []), span.startTime[0] * 1000 + span.startTime[1] / 1e6]);
  }
  return sent;
}

const stripeCalls = (emulator: ProviderEmulator) => emulator.calls.filter((call) => !call.path.startsWith('/convergegate'));
const rateLimitedAtEmulator = (emulator: ProviderEmulator) => emulator.calls.filter((call) => call.rateLimited !== undefined);

const stripeRateLimitBody = JSON.stringify({ error: { type: 'rate_limit_error', code: 'rate_limit', message: 'Request rate limit exceeded.' } });
const stripe429 = (reason: string): EmulatorFault => ({
  kind: 'status',
  status: 429,
  headers: { 'stripe-rate-limited-reason': reason },
  body: stripeRateLimitBody,
});

async function budgetRate(subgraph: RunningSubgraph, provider: string, budget: string): Promise<number> {
  return (await scrape(subgraph.metricsUrl)).value(budgetMetric, { provider, budget });
}

/** Runs `work` while watching a budget's rate on /metrics; resolves the lowest rate seen. */
async function lowestRateDuring(subgraph: RunningSubgraph, budget: string, work: Promise<unknown>): Promise<number> {
  let lowest = Number.POSITIVE_INFINITY;
  let done = false;
  void work.finally(() => (done = true));
  while (!done) {
    lowest = Math.min(lowest, await budgetRate(subgraph, 'Stripe', budget));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await work;
  return Math.min(lowest, await budgetRate(subgraph, 'Stripe', budget));
}

describe("Stripe's rate limits with a live key, against an emulator that enforces them", () => {
  let harness: Harness;
  const spans = new InMemorySpanExporter();
  beforeAll(async () => {
    harness = await startHarness(
      defaultPacing,
      { stripeSecretKey: `sk_live_emulator${randomBytes(8).toString('hex')}`, stripeRateLimits: 'documented' },
      { spanProcessor: new SimpleSpanProcessor(spans) },
    );
  });
  afterAll(() => harness?.close());

  it('holds each endpoint to its budget of 20 calls a second as sent, and draws no 429 where Stripe allows 25', async () => {
    harness.emulator.resetCalls();
    const ids = putSessions(harness.emulator, 'live', 50);
    const result = await harness.query(detailsQuery, { representations: representations(ids) });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toHaveLength(50);
    const sent = sentAt(spans);
    const endpoints = [sessionEndpoint, '/v1/checkout/sessions/{id}/line_items', '/v1/refunds'];
    for (const endpoint of endpoints) {
      expect(sent.get(endpoint)).toHaveLength(50);
      expect(busiestSecondOf(sent.get(endpoint)!)).toBeLessThanOrEqual(20);
    }
    // The account's budget with a live key is 80 a second, over all three endpoints.
    expect(busiestSecondOf([...sent.values()].flat())).toBeLessThanOrEqual(80);
    // As Stripe counts them: no 429, and never over its 25 per endpoint or 100 for the account.
    const calls = stripeCalls(harness.emulator);
    expect(calls).toHaveLength(150);
    expect(rateLimitedAtEmulator(harness.emulator)).toEqual([]);
    for (const endpoint of endpoints) {
      expect(busiestSecondOf(calls.filter((call) => endpointOf(call) === endpoint))).toBeLessThanOrEqual(25);
    }
    expect(await budgetRate(harness.subgraph, 'Stripe', 'global')).toBe(80);
    expect(await budgetRate(harness.subgraph, 'Stripe', sessionEndpoint)).toBe(20);
  });
});

describe("Stripe's rate limits with a test key, against an emulator that enforces them", () => {
  let harness: Harness;
  const spans = new InMemorySpanExporter();
  beforeAll(async () => {
    harness = await startHarness(
      { ...defaultPacing, PROVIDER_BREAKER_MIN_CALLS: '5', PROVIDER_RETRY_BASE_DELAY_MS: '50' },
      { stripeRateLimits: 'documented' },
      { spanProcessor: new SimpleSpanProcessor(spans) },
    );
  });
  afterAll(() => harness?.close());

  it("keeps the account's three endpoints together to its global budget of 20 calls a second as sent", async () => {
    harness.emulator.resetCalls();
    spans.reset();
    const ids = putSessions(harness.emulator, 'test', 15);
    const result = await harness.query(detailsQuery, { representations: representations(ids) });
    expect(result.errors).toBeUndefined();
    const sent = [...sentAt(spans).values()].flat();
    expect(sent).toHaveLength(45);
    expect(busiestSecondOf(sent)).toBeLessThanOrEqual(20);
    // As Stripe counts them: no 429, and never over its 25 for a test account.
    const calls = stripeCalls(harness.emulator);
    expect(calls).toHaveLength(45);
    expect(rateLimitedAtEmulator(harness.emulator)).toEqual([]);
    expect(busiestSecondOf(calls)).toBeLessThanOrEqual(25);
  });

  it("slows the endpoint's budget at once on an endpoint-rate 429, leaves the global one, never opens the breaker, and recovers", async () => {
    harness.emulator.clearFaults();
    harness.emulator.resetCalls();
    harness.emulator.setStripeRateLimits({ endpointPerSecond: 10 });
    const ids = putSessions(harness.emulator, 'test', 40);
    const before = await scrape(harness.subgraph.metricsUrl);
    const burst = harness.query(entitiesQuery, { representations: representations(ids) });
    const lowest = await lowestRateDuring(harness.subgraph, sessionEndpoint, burst);
    const result = await burst;

    // Halved from 20 on the first 429: at most 10 a second, recovering from there.
    expect(lowest).toBeLessThanOrEqual(10.5);
    expect(rateLimitedAtEmulator(harness.emulator).length).toBeGreaterThan(0);
    expect(rateLimitedAtEmulator(harness.emulator).every((call) => call.rateLimited === 'endpoint-rate')).toBe(true);
    const after = await scrape(harness.subgraph.metricsUrl);
    const counted = (scrape: typeof after) => scrape.value(rateLimitedMetric, { provider: 'Stripe', reason: 'endpoint-rate' });
    expect(counted(after) - counted(before)).toBe(rateLimitedAtEmulator(harness.emulator).length);
    expect(after.value(budgetMetric, { provider: 'Stripe', budget: 'global' })).toBe(20);
    // Busy is not down: the circuit stays closed and no session is reported unavailable.
    expect(after.value('payments_subgraph_provider_circuit_state', { provider: 'Stripe', state: 'closed' })).toBe(1);
    const codes = (result.errors ?? []).map((error) => error.extensions?.code);
    expect(codes.filter((code) => code !== 'RATE_LIMITED')).toEqual([]);
    expect((result.data?._entities as unknown[]).filter((entity) => entity !== null).length).toBeGreaterThan(30);

    harness.emulator.setStripeRateLimits('documented');
    // A tenth of the budget back each second: 20 again within about five seconds of the last 429.
    await expect.poll(() => budgetRate(harness.subgraph, 'Stripe', sessionEndpoint), { timeout: 15_000, interval: 250 }).toBe(20);
  });

  it("slows the account's global budget on a global-rate 429 and leaves the endpoint's", async () => {
    harness.emulator.clearFaults();
    harness.emulator.resetCalls();
    harness.emulator.setStripeRateLimits({ globalPerSecond: 8 });
    await expect.poll(() => budgetRate(harness.subgraph, 'Stripe', 'global'), { timeout: 15_000, interval: 250 }).toBe(20);
    const ids = putSessions(harness.emulator, 'test', 20);
    const burst = harness.query(entitiesQuery, { representations: representations(ids) });
    const lowest = await lowestRateDuring(harness.subgraph, 'global', burst);
    await burst;
    expect(rateLimitedAtEmulator(harness.emulator).some((call) => call.rateLimited === 'global-rate')).toBe(true);
    expect(lowest).toBeLessThanOrEqual(10.5);
    expect(await budgetRate(harness.subgraph, 'Stripe', sessionEndpoint)).toBe(20);
    harness.emulator.setStripeRateLimits('documented');
  });

  it('retries a lock_timeout 429 without slowing any budget', async () => {
    harness.emulator.clearFaults();
    harness.emulator.resetCalls();
    await expect.poll(() => budgetRate(harness.subgraph, 'Stripe', sessionEndpoint), { timeout: 15_000, interval: 250 }).toBe(20);
    await expect.poll(() => budgetRate(harness.subgraph, 'Stripe', 'global'), { timeout: 15_000, interval: 250 }).toBe(20);
    const [id] = putSessions(harness.emulator, 'test', 1);
    const lockBody = JSON.stringify({ error: { type: 'invalid_request_error', code: 'lock_timeout', message: 'This object cannot be accessed right now.' } });
    harness.emulator.injectFault(id!, { kind: 'status', status: 429, body: lockBody }, { times: 1 });
    const before = await scrape(harness.subgraph.metricsUrl);
    const result = await harness.query(`{ checkoutSession(id: "${id}") { id } }`);
    expect(result.data?.checkoutSession).toEqual({ id });
    expect(harness.emulator.countCalls(`/v1/checkout/sessions/${id}`)).toBe(2);
    const after = await scrape(harness.subgraph.metricsUrl);
    const lockTimeouts = (scrape: typeof after) => scrape.value(rateLimitedMetric, { provider: 'Stripe', reason: 'lock_timeout' });
    expect(lockTimeouts(after) - lockTimeouts(before)).toBe(1);
    expect(after.value(budgetMetric, { provider: 'Stripe', budget: sessionEndpoint })).toBe(20);
    expect(after.value(budgetMetric, { provider: 'Stripe', budget: 'global' })).toBe(20);
  });

  it('answers RATE_LIMITED with retryAfter once the retries of a rate-limited session run out, and serves its neighbour', async () => {
    harness.emulator.clearFaults();
    harness.emulator.resetCalls();
    const [busy, neighbour] = putSessions(harness.emulator, 'test', 2);
    harness.emulator.injectFault(busy!, stripe429('endpoint-rate'));
    const result = await harness.query(entitiesQuery, { representations: representations([busy!, neighbour!]) });
    expect(result.data?._entities).toEqual([null, { id: neighbour, status: 'OPEN' }]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.path).toEqual(['_entities', 0]);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', provider: 'Stripe', retryAfter: 1 });
    // The first attempt and PROVIDER_MAX_RETRIES=2 retries.
    expect(harness.emulator.countCalls(`/v1/checkout/sessions/${busy}`)).toBe(3);
  });
});

describe('concurrency 429s', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ PROVIDER_RETRY_BASE_DELAY_MS: '20' }, { latencyMs: 150 });
  });
  afterAll(() => harness?.close());

  it('lower how many calls go at once instead of the rate', async () => {
    const first = putSessions(harness.emulator, 'test', 16);
    harness.emulator.injectFault(first[15]!, stripe429('endpoint-concurrency'), { times: 1 });
    harness.emulator.resetCalls();
    const lowered = await harness.query(entitiesQuery, { representations: representations(first) });
    expect(lowered.errors).toBeUndefined();
    // Sixteen went at once (PROVIDER_CONCURRENCY) before the provider said it was too many.
    expect(harness.emulator.peakInFlight).toBe(16);

    harness.emulator.resetCalls();
    const next = putSessions(harness.emulator, 'test', 16);
    const result = await harness.query(entitiesQuery, { representations: representations(next) });
    expect(result.errors).toBeUndefined();
    // Half of the sixteen, rising by a tenth of sixteen each second since.
    expect(harness.emulator.peakInFlight).toBeLessThanOrEqual(12);
  });
});

describe('a Converge Gate 429, which names no reason', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(defaultPacing);
  });
  afterAll(() => harness?.close());

  it("slows Converge Gate's one budget and is retried", async () => {
    harness.emulator.injectFault(convergeGatePendingId, { kind: 'status', status: 429 }, { times: 1 });
    const result = await harness.query(`{ checkoutSession(id: "${convergeGatePendingId}") { id } }`);
    expect(result.data?.checkoutSession).toEqual({ id: convergeGatePendingId });
    const metrics = await scrape(harness.subgraph.metricsUrl);
    expect(metrics.value(rateLimitedMetric, { provider: 'Converge Gate', reason: 'unspecified' })).toBe(1);
    // Its one budget, 20 a second by default, halved.
    expect(metrics.value(budgetMetric, { provider: 'Converge Gate', budget: 'global' })).toBeLessThanOrEqual(10.5);
  });
});

describe('two replicas sharing one Redis', () => {
  let redisServer: RedisServer;
  let emulator: ProviderEmulator;
  let replicas: RunningSubgraph[] = [];

  beforeAll(async () => {
    redisServer = await startRedisServer();
    emulator = await ProviderEmulator.start();
    const environment = { ...defaultPacing, REDIS_URL: redisServer.url, REDIS_TIMEOUT_MS: '1000', REDIS_FALLBACK_REPLICAS: '2' };
    replicas = await Promise.all([startSubgraphFor(emulator, environment), startSubgraphFor(emulator, environment)]);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await emulator?.close();
    await redisServer?.close();
  });

  it('slow down together when one of them draws a 429, and recover together', async () => {
    const [replicaA, replicaB] = replicas as [RunningSubgraph, RunningSubgraph];
    const [busy, ...others] = putSessions(emulator, 'test', 21);
    emulator.injectFault(busy!, stripe429('endpoint-rate'), { times: 1 });
    const first = await postGraphQL(`${replicaA.url}/graphql`, { query: `{ checkoutSession(id: "${busy}") { id } }` });
    expect(first.data?.checkoutSession).toEqual({ id: busy });
    expect(await budgetRate(replicaA, 'Stripe', sessionEndpoint)).toBeLessThanOrEqual(10.5);

    // Replica B drew no 429 itself: it paces at the slower rate from its next call on.
    emulator.resetCalls();
    await Promise.all([
      postGraphQL(`${replicaA.url}/graphql`, { query: entitiesQuery, variables: { representations: representations(others.slice(0, 10)) } }),
      postGraphQL(`${replicaB.url}/graphql`, { query: entitiesQuery, variables: { representations: representations(others.slice(10)) } }),
    ]);
    expect(await budgetRate(replicaB, 'Stripe', sessionEndpoint)).toBeLessThan(20);
    // Both together at about 10 a second, rising by 2 a second: well under the 20 of a budget not slowed.
    expect(busiestSecondOf(emulator.calls)).toBeLessThanOrEqual(16);

    for (const replica of replicas) {
      await expect.poll(() => budgetRate(replica, 'Stripe', sessionEndpoint), { timeout: 15_000, interval: 250 }).toBe(20);
    }
  });
});
