import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startSubgraph, type RunningSubgraph } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { ProviderEmulator } from '../../../src/emulator/server.js';
import { createLogger } from '../../../src/logger.js';
import { startRedisServer } from '../../support/redis-server.js';
import { subscribeOverSse } from '../../support/subscription-clients.js';
import { deliverStripeSessionEvent } from '../../support/webhook-signing.js';
import { percentileOf } from './load.js';

// `npm run bench:subscriptions -- [--subscribers 200] [--sessions 20] [--webhooks 100] [--latency 20]`
//
// Row (h), begun: two replicas sharing a Redis, an emulator answering after `--latency` ms,
// `--subscribers` SSE subscriptions (one socket each, half on each replica) over
// `--sessions` open sessions. Each round changes one session's amount and delivers its
// webhook to replica A, then waits for every subscriber of that session to hear of it.
// Everything runs in this one process (clients, replicas, emulator), so the latencies are
// upper bounds of what separate processes would see.

const { values: args } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '200' },
    sessions: { type: 'string', default: '20' },
    webhooks: { type: 'string', default: '100' },
    latency: { type: 'string', default: '20' },
  },
});
const subscriberCount = Number(args.subscribers);
const sessionCount = Number(args.sessions);
const webhookCount = Number(args.webhooks);
const latencyMs = Number(args.latency);
const webhookSecret = 'whsec_benchSubscriptions';
const updatesQuery = `subscription ($id: ID!) { checkoutSessionUpdated(id: $id) { id status amountTotal { amount } } }`;

const redis = await startRedisServer();
const emulator = await ProviderEmulator.start({ latencyMs, stripeRateLimits: 'lifted' });
const startReplica = (): Promise<RunningSubgraph> =>
  startSubgraph(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      STRIPE_SECRET_KEY: emulator.stripeSecretKey,
      STRIPE_API_URL: emulator.url,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      PROVIDER_RATE_LIMIT: '0',
      PROVIDER_GLOBAL_RATE_LIMIT: '0',
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: '1000',
    }),
    { logger: createLogger(undefined, 'silent') },
  );
const replicas = [await startReplica(), await startReplica()] as const;

const ids = Array.from({ length: sessionCount }, (_, index) => `cs_test_benchWatched${String(index).padStart(4, '0')}${'0'.repeat(30)}`);
const amounts = new Map(ids.map((id) => [id, 1_000]));
const wire = (id: string) => ({ id, object: 'checkout.session', status: 'open', payment_status: 'unpaid', amount_total: amounts.get(id), currency: 'eur' });
for (const id of ids) emulator.putStripeSession(wire(id));

type Arrival = { replica: 'A' | 'B'; id: string; amount: number; at: number };
const arrivals: Arrival[] = [];
const subscribers = Array.from({ length: subscriberCount }, (_, index) => {
  const replica = index % 2 === 0 ? 'A' : 'B';
  const id = ids[Math.floor(index / 2) % ids.length]!;
  const updates = subscribeOverSse(`${replicas[index % 2]!.url}/graphql`, { query: updatesQuery, variables: { id } });
  return { replica, id, updates } as const;
});
await Promise.all(subscribers.map(({ updates }) => updates.eventsAtLeast(1)));
for (const { replica, id, updates } of subscribers) {
  const push = updates.events.push.bind(updates.events);
  updates.events.push = (...events) => {
    for (const event of events) arrivals.push({ replica, id, amount: event.data?.checkoutSessionUpdated?.amountTotal?.amount, at: performance.now() });
    return push(...events);
  };
}

const sessionPath = (id: string) => `/v1/checkout/sessions/${id}`;
const latencies = { A: [] as number[], B: [] as number[] };
const callsBefore = emulator.calls.length;
const started = performance.now();
for (let round = 0; round < webhookCount; round += 1) {
  const id = ids[round % ids.length]!;
  const amount = amounts.get(id)! + 1;
  amounts.set(id, amount);
  emulator.putStripeSession(wire(id));
  const watching = subscribers.filter((subscriber) => subscriber.id === id).length;
  const sentAt = performance.now();
  await deliverStripeSessionEvent(replicas[0].url, webhookSecret, wire(id));
  while (arrivals.filter((arrival) => arrival.id === id && arrival.amount === amount).length < watching) await delay(1);
  for (const arrival of arrivals.filter((candidate) => candidate.id === id && candidate.amount === amount)) {
    latencies[arrival.replica].push(arrival.at - sentAt);
  }
}
const elapsedSeconds = (performance.now() - started) / 1000;
const calls = emulator.calls.slice(callsBefore).filter((call) => ids.some((id) => call.path.split('?')[0] === sessionPath(id))).length;

const ms = (values: number[], quantile: number) => `${percentileOf(values, quantile).toFixed(1)} ms`;
console.log(`\n(h) ${subscriberCount} SSE subscriptions over ${sessionCount} sessions on two replicas sharing Redis, ${latencyMs} ms provider, ${webhookCount} webhooks to replica A in ${elapsedSeconds.toFixed(1)} s\n`);
console.log(`webhook to delivery, subscribers on A (same replica):  p50 ${ms(latencies.A, 0.5)}, p99 ${ms(latencies.A, 0.99)}  (target: within 100 ms at p99)`);
console.log(`webhook to delivery, subscribers on B (other replica): p50 ${ms(latencies.B, 0.5)}, p99 ${ms(latencies.B, 0.99)}  (target: within 1 s at p99)`);
console.log(`provider calls for the watched sessions: ${calls} for ${webhookCount} webhooks, ${(calls / webhookCount).toFixed(2)} per webhook (target: 1, polls included)\n`);

for (const { updates } of subscribers) updates.unsubscribe();
await Promise.all(replicas.map((replica) => replica.close()));
await emulator.close();
await redis.close();
