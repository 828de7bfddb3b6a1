import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { stripeCompletePaidId, stripeSessions } from '../../src/providers/stripe/emulator/sessions.js';
import { scrape, type Scrape } from '../support/prometheus-text.js';
import { useHarness, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { nowInSeconds, stripeSignatureHeader } from '../support/webhook-signing.js';

const routerSecret = 'router-secret-for-metrics-tests';
const webhookSecret = 'whsec_test_metricsEndpoint7';
const duration = 'payments_subgraph_provider_call_duration_seconds_count';
const sessionQuery = 'query SessionById($id: ID!) { checkoutSession(id: $id) { id status } }';

/** A complete, paid session of its own (kept 600 s), so no other test has it cached. */
function putFinalSession(harness: Harness, id: string): string {
  harness.emulator.putStripeSession({ id, object: 'checkout.session', status: 'complete', payment_status: 'paid' });
  return id;
}

function putOpenSession(harness: Harness, id: string): string {
  harness.emulator.putStripeSession({ id, object: 'checkout.session', status: 'open', payment_status: 'unpaid' });
  return id;
}

function post(harness: Harness, body: unknown, headers: Record<string, string> = {}) {
  return request(harness.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'router-secret': routerSecret, ...headers },
    body: JSON.stringify(body),
  }).then(async (response) => ({ status: response.statusCode, body: (await response.body.json()) as any }));
}

const askFor = (harness: Harness, id: string) => post(harness, { query: sessionQuery, variables: { id } });

describe('GET /metrics after real traffic', () => {
  const clock = new TestClock();
  const harness = useHarness({
    ROUTER_SECRET: routerSecret,
    CACHE: 'on',
    CACHE_OPEN_TTL_MS: '50',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    PROVIDER_RETRY_BASE_DELAY_MS: '5',
    PROVIDER_RETRY_MAX_DELAY_MS: '20',
  }, {}, { readCacheClock: clock });
  const metrics = () => scrape(harness.subgraph.metricsUrl);

  it('answers on the subgraph port without the router secret, in Prometheus text with Node process metrics', async () => {
    expect(harness.subgraph.metricsUrl).toBe(`${harness.subgraph.url}/metrics`);
    const response = await request(harness.subgraph.metricsUrl);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.body.text();
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(text).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
  });

  it('counts provider calls by outcome, with retries, as the failure table says', async () => {
    const ok = putFinalSession(harness, 'cs_test_metricsOk0001');
    const [unavailable, authFailed, badResponse, refused] = ['Down', 'Auth', 'Bad', 'Refused'].map((label) =>
      putFinalSession(harness, `cs_test_metrics${label}0001`),
    ) as [string, string, string, string];
    harness.emulator.injectFault(unavailable, { kind: 'status', status: 503 });
    harness.emulator.injectFault(authFailed, { kind: 'status', status: 401 });
    harness.emulator.injectFault(badResponse, { kind: 'body', body: '<html>not json</html>' });
    harness.emulator.injectFault(refused, { kind: 'status', status: 400, body: '{"error":{"type":"invalid_request_error"}}' });
    const before = await metrics();

    for (const id of [ok, 'cs_test_metricsMissing0001', unavailable, authFailed, badResponse, refused]) await askFor(harness, id);

    const after = await metrics();
    const calls = (outcome: string) => after.since(before, duration, { provider: 'Stripe', outcome });
    expect({
      ok: calls('ok'),
      not_found: calls('not_found'),
      unavailable: calls('unavailable'),
      auth_failed: calls('auth_failed'),
      bad_response: calls('bad_response'),
      error: calls('error'),
    }).toEqual({ ok: 1, not_found: 1, unavailable: 1, auth_failed: 1, bad_response: 1, error: 1 });
    // A 503 is tried 3 times: 2 retries. Every other outcome is final at once.
    expect(after.since(before, 'payments_subgraph_provider_call_retries_total', { provider: 'Stripe' })).toBe(2);
    expect(harness.emulator.countCalls()).toBe(8);
  });

  it('counts cache hits and misses of the process level, shared calls, and evictions by age and by webhook', async () => {
    const final = putFinalSession(harness, 'cs_test_metricsCached0001');
    const open = putOpenSession(harness, 'cs_test_metricsOpen0001');
    const slow = putFinalSession(harness, 'cs_test_metricsSlow0001');
    harness.emulator.injectFault(slow, { kind: 'delay', ms: 150 });
    const before = await metrics();

    await askFor(harness, final);
    await askFor(harness, final);
    await Promise.all([askFor(harness, slow), askFor(harness, slow), askFor(harness, slow)]);
    await askFor(harness, open);
    // Past its 50 ms age and the 60 s (CACHE_STALE_WINDOW_MS) it is then kept as a copy.
    clock.time += 60_120;
    await askFor(harness, open);
    const event = JSON.stringify({
      id: 'evt_metrics1',
      object: 'event',
      type: 'checkout.session.completed',
      created: nowInSeconds(),
      data: { object: { id: final, object: 'checkout.session' } },
    });
    const delivered = await request(`${harness.subgraph.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(webhookSecret, event, nowInSeconds()) },
      body: event,
    });
    expect(delivered.statusCode).toBe(200);
    await delivered.body.dump();

    const after = await metrics();
    // Reads: final twice (miss, hit), slow three times at once (miss, two that join it), open twice (miss, miss).
    expect(after.since(before, 'payments_subgraph_cache_hits_total', { level: 'process' })).toBe(1);
    expect(after.since(before, 'payments_subgraph_cache_misses_total', { level: 'process' })).toBe(6);
    expect(after.since(before, 'payments_subgraph_cache_shared_reads_total')).toBe(2);
    expect(after.since(before, 'payments_subgraph_cache_evictions_total', { level: 'process', cause: 'age' })).toBe(1);
    expect(after.since(before, 'payments_subgraph_cache_evictions_total', { level: 'process', cause: 'webhook' })).toBe(1);
    expect(harness.emulator.countCalls()).toBe(4);
  });

  it('counts GraphQL requests by operation name, errors by code and the sessions each request asked for', async () => {
    const id = putFinalSession(harness, 'cs_test_metricsGraphql0001');
    const before = await metrics();

    await askFor(harness, id);
    await post(harness, { query: '{ checkoutSession(id: "") { id } }' });
    await post(harness, {
      query: 'query Entities($r: [_Any!]!) { _entities(representations: $r) { ... on CheckoutSession { id } } }',
      variables: {
        r: [id, id, stripeCompletePaidId].map((each) => ({ __typename: 'CheckoutSession', id: each })),
      },
    });

    const after = await metrics();
    const requests = (operation: string) => after.since(before, 'payments_subgraph_graphql_requests_total', { operation });
    expect([requests('SessionById'), requests('anonymous'), requests('Entities')]).toEqual([1, 1, 1]);
    expect(after.since(before, 'payments_subgraph_graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
    // 1, 1 (the empty id, refused without a call) and 2 distinct sessions.
    expect(after.since(before, 'payments_subgraph_graphql_sessions_per_request_count')).toBe(3);
    expect(after.since(before, 'payments_subgraph_graphql_sessions_per_request_sum')).toBe(4);
  });

  it('groups operation names past the first hundred as other, so clients cannot grow the label set', async () => {
    for (let index = 0; index < 110; index += 1) await post(harness, { query: `query Invented${index} { __typename }` });

    const after = await metrics();
    const operations = after.labelValues('payments_subgraph_graphql_requests_total', 'operation');
    expect(operations.length).toBeLessThanOrEqual(102);
    expect(operations).toContain('other');
    expect(after.value('payments_subgraph_graphql_requests_total', { operation: 'other' })).toBeGreaterThanOrEqual(10);
  });

  it('counts webhooks by provider and result', async () => {
    const before = await metrics();
    const event = JSON.stringify({ id: 'evt_metrics2', object: 'event', type: 'checkout.session.expired', data: { object: {} } });
    for (const signature of [stripeSignatureHeader(webhookSecret, event, nowInSeconds()), 't=1,v1=00']) {
      const response = await request(`${harness.subgraph.url}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: event,
      });
      await response.body.dump();
    }

    const after = await metrics();
    expect(after.since(before, 'payments_subgraph_webhooks_received_total', { provider: 'Stripe', result: 'verified' })).toBe(1);
    expect(after.since(before, 'payments_subgraph_webhooks_received_total', { provider: 'Stripe', result: 'rejected' })).toBe(1);
  });

  it('never puts a session id or a customer email in a label', async () => {
    const text = (await metrics()).text;
    expect(text).not.toMatch(/cs_test_/);
    const emails = stripeSessions.map((session) => (session.customer_details as { email?: string } | null)?.email);
    for (const email of emails.filter((each): each is string => typeof each === 'string')) expect(text).not.toContain(email);
  });
});

describe('provider call metrics when calls are refused', () => {
  const breakerHarness = useHarness({
    PROVIDER_MAX_RETRIES: '0',
    PROVIDER_BREAKER_MIN_CALLS: '2',
    PROVIDER_BREAKER_FAILURE_RATE: '1',
    PROVIDER_BREAKER_COOLDOWN_MS: '60000',
  });
  const pacedHarness = useHarness({ PROVIDER_RATE_LIMIT: '2', PROVIDER_QUEUE_TIMEOUT_MS: '5000' });

  it('shows the breaker open and counts the calls it refused without I/O', async () => {
    const ids = ['cs_test_breakerA0001', 'cs_test_breakerB0001', 'cs_test_breakerC0001'];
    for (const id of ids) breakerHarness.emulator.injectFault(id, { kind: 'status', status: 503 });
    const before = await scrape(breakerHarness.subgraph.metricsUrl);
    expect(before.value('payments_subgraph_provider_circuit_state', { provider: 'Stripe', state: 'closed' })).toBe(0);

    for (const id of ids) await breakerHarness.query(`{ checkoutSession(id: "${id}") { id } }`);

    const after = await scrape(breakerHarness.subgraph.metricsUrl);
    expect(after.value('payments_subgraph_provider_circuit_state', { provider: 'Stripe', state: 'open' })).toBe(1);
    expect(after.value('payments_subgraph_provider_circuit_state', { provider: 'Stripe', state: 'closed' })).toBe(0);
    expect(after.since(before, 'payments_subgraph_provider_calls_refused_total', { provider: 'Stripe', reason: 'breaker_open' })).toBe(1);
    expect(breakerHarness.emulator.countCalls()).toBe(2);
  });

  it('shows calls queued under the rate limit while they wait, and how long they waited', async () => {
    const ids = ['cs_test_pacedA0001', 'cs_test_pacedB0001', 'cs_test_pacedC0001'];
    for (const id of ids) pacedHarness.emulator.putStripeSession({ id, object: 'checkout.session', status: 'open' });
    const before = await scrape(pacedHarness.subgraph.metricsUrl);

    // Two calls a second: the first goes at once, the others wait half a second and a second.
    const answers = Promise.all(ids.map((id) => pacedHarness.query(`{ checkoutSession(id: "${id}") { id } }`)));
    await expect.poll(() => pacedHarness.emulator.countCalls(), { interval: 5 }).toBeGreaterThanOrEqual(1);
    const whileWaiting = await scrape(pacedHarness.subgraph.metricsUrl);
    expect(whileWaiting.value('payments_subgraph_provider_rate_limit_queue_length', { provider: 'Stripe' })).toBe(2);
    await answers;

    const after = await scrape(pacedHarness.subgraph.metricsUrl);
    expect(after.value('payments_subgraph_provider_rate_limit_queue_length', { provider: 'Stripe' })).toBe(0);
    expect(after.since(before, 'payments_subgraph_provider_rate_limit_wait_seconds_count', { provider: 'Stripe' })).toBe(2);
    expect(after.since(before, 'payments_subgraph_provider_rate_limit_wait_seconds_sum', { provider: 'Stripe' })).toBeGreaterThanOrEqual(1.4);
  });
});

describe('metrics on their own port', () => {
  const harness = useHarness({ METRICS_PORT: '0' });

  it('serves /metrics only on METRICS_PORT once it is set', async () => {
    expect(harness.subgraph.metricsUrl).not.toBe(`${harness.subgraph.url}/metrics`);
    const onMainPort = await request(`${harness.subgraph.url}/metrics`);
    await onMainPort.body.dump();
    expect(onMainPort.statusCode).toBe(404);
    const own: Scrape = await scrape(harness.subgraph.metricsUrl);
    expect(own.text).toContain('# TYPE payments_subgraph_graphql_requests_total counter');
  });
});

describe('cache evictions by size', () => {
  const harness = useHarness({ CACHE: 'on', CACHE_MAX_ENTRIES: '2' });

  it('counts an answer dropped to make room once the cache holds CACHE_MAX_ENTRIES', async () => {
    const before = await scrape(harness.subgraph.metricsUrl);
    for (const label of ['A', 'B', 'C']) {
      await harness.query(`{ checkoutSession(id: "${putFinalSession(harness, `cs_test_sized${label}0001`)}") { id } }`);
    }
    const after = await scrape(harness.subgraph.metricsUrl);
    expect(after.since(before, 'payments_subgraph_cache_evictions_total', { level: 'process', cause: 'size' })).toBe(1);
  });
});
