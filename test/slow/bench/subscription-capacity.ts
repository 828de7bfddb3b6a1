import { execFileSync } from 'node:child_process';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ProviderEmulator } from '../../../src/emulator/server.js';
import { deliverStripeSessionEvent } from '../../support/webhook-signing.js';
import { BenchProcess } from './bench-process.js';
import { percentileOf } from './load.js';

// `npm run bench:subscriptions:capacity -- [--subscriptions 10000] [--fan-out 1000] [--sessions 1000] [--rounds 10] [--latency 20]`
//
// Row (h), on one process: the compiled subgraph in a process of its own (pacing off, as in
// every row but (g)), the emulator answering after `--latency` ms, and `--subscriptions` SSE
// subscriptions from this process, one socket each: `--fan-out` of them on one session,
// the rest spread evenly over `--sessions` others. It measures the subgraph's memory per
// idle subscription above its baseline (after a full collection), then webhook-to-delivery
// latency and the subgraph's CPU per delivered event, for one webhook fanned out to the
// one session's subscribers (`--rounds` times), and for a webhook to every other session
// at once.

const { values: args } = parseArgs({
  options: {
    subscriptions: { type: 'string', default: '10000' },
    'fan-out': { type: 'string', default: '1000' },
    sessions: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '10' },
    latency: { type: 'string', default: '20' },
  },
});
const subscriptionCount = Number(args.subscriptions);
const fanOut = Number(args['fan-out']);
const sessionCount = Number(args.sessions);
const rounds = Number(args.rounds);
const latencyMs = Number(args.latency);
const webhookSecret = 'whsec_benchSubscriptionCapacity';
const updatesQuery = 'subscription ($id: ID!) { checkoutSessionUpdated(id: $id) { id status amountTotal { amount } } }';
/** Subscriptions opened at once, so the listen backlog is not what is measured. */
const openBatch = 250;

const projectRoot = new URL('../../../', import.meta.url);
const buildDirectory = new URL('bench-results/build/', projectRoot);
execFileSync(
  'npm',
  ['run', 'build', '--silent', '--', 'test/slow/bench/subgraph-process.ts', 'test/slow/bench/bench-child.ts', `--outdir=${fileURLToPath(buildDirectory)}`],
  { cwd: projectRoot, stdio: 'inherit' },
);

const emulator = await ProviderEmulator.start({ latencyMs, stripeRateLimits: 'lifted' });
const hotId = `cs_test_capacityFanOut${'0'.repeat(40)}`;
const spreadIds = Array.from({ length: sessionCount }, (_, index) => `cs_test_capacity${String(index).padStart(5, '0')}${'0'.repeat(40)}`);
const amounts = new Map([hotId, ...spreadIds].map((id) => [id, 1_000]));
const wire = (id: string) => ({ id, object: 'checkout.session', status: 'open', payment_status: 'unpaid', amount_total: amounts.get(id), currency: 'eur' });
for (const id of amounts.keys()) emulator.putStripeSession(wire(id));

const subgraph = await BenchProcess.start(new URL('test/slow/bench/subgraph-process.js', buildDirectory), {
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    STRIPE_SECRET_KEY: emulator.stripeSecretKey,
    STRIPE_API_URL: emulator.url,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    PROVIDER_RATE_LIMIT: '0',
    PROVIDER_GLOBAL_RATE_LIMIT: '0',
    MAX_SUBSCRIPTIONS: String(subscriptionCount),
  },
  nodeFlags: ['--expose-gc'],
});
const graphqlUrl = new URL('/graphql', String(subgraph.ready.url));
interface Memory {
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
}
const memory = () => subgraph.call<Memory>('memory');
const cpuMicros = async () => (await subgraph.call<{ cpuMicros: number }>('usage')).cpuMicros;

/** One SSE subscription on a socket of its own, recording when each event's amount arrived. */
class Subscriber {
  readonly arrivals = new Map<number, number>();
  private request: ClientRequest | undefined;
  private first!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.first = resolve));

  constructor(readonly sessionId: string) {}

  open(): void {
    const body = JSON.stringify({ query: updatesQuery, variables: { id: this.sessionId } });
    this.request = httpRequest(graphqlUrl, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': Buffer.byteLength(body) },
    });
    this.request.on('response', (response) => {
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          this.receive(pending.slice(0, end));
          pending = pending.slice(end + 2);
        }
      });
    });
    this.request.on('error', () => undefined);
    this.request.end(body);
  }

  close(): void {
    this.request?.destroy();
  }

  private receive(message: string): void {
    const data = message.split('\n').find((line) => line.startsWith('data: '));
    if (!data || !message.includes('event: next')) return;
    const amount = JSON.parse(data.slice(6))?.data?.checkoutSessionUpdated?.amountTotal?.amount;
    if (typeof amount === 'number' && !this.arrivals.has(amount)) this.arrivals.set(amount, performance.now());
    this.first();
  }
}

// The baseline: the subgraph started and warmed (one subscription through its first event and gone).
const warmUp = new Subscriber(hotId);
warmUp.open();
await warmUp.opened;
warmUp.close();
await delay(1_000);
const baseline = await memory();

const subscribers = Array.from({ length: subscriptionCount }, (_, index) =>
  new Subscriber(index < fanOut ? hotId : spreadIds[(index - fanOut) % spreadIds.length]!),
);
const openingStarted = performance.now();
for (let start = 0; start < subscribers.length; start += openBatch) {
  const batch = subscribers.slice(start, start + openBatch);
  for (const subscriber of batch) subscriber.open();
  await Promise.all(batch.map((subscriber) => subscriber.opened));
}
const openingSeconds = (performance.now() - openingStarted) / 1000;
// Idle: every first read done, no event due; the keep-alive pings (12 s apart) have begun.
await delay(3_000);
const idle = await memory();

async function deliver(ids: readonly string[]): Promise<{ latencies: number[]; events: number; cpuMicrosPerEvent: number }> {
  const cpuBefore = await cpuMicros();
  const sentAt = new Map<string, number>();
  const expected = new Map<string, number>();
  for (const id of ids) {
    const amount = amounts.get(id)! + 1;
    amounts.set(id, amount);
    expected.set(id, amount);
    emulator.putStripeSession(wire(id));
  }
  await Promise.all(
    ids.map((id) => {
      sentAt.set(id, performance.now());
      return deliverStripeSessionEvent(new URL(String(subgraph.ready.url)).origin, webhookSecret, wire(id));
    }),
  );
  const watching = subscribers.filter((subscriber) => expected.has(subscriber.sessionId));
  const deadline = performance.now() + 30_000;
  while (watching.some((subscriber) => !subscriber.arrivals.has(expected.get(subscriber.sessionId)!)) && performance.now() < deadline) await delay(2);
  const cpu = (await cpuMicros()) - cpuBefore;
  const latencies = watching.flatMap((subscriber) => {
    const at = subscriber.arrivals.get(expected.get(subscriber.sessionId)!);
    return at === undefined ? [] : [at - sentAt.get(subscriber.sessionId)!];
  });
  return { latencies, events: latencies.length, cpuMicrosPerEvent: cpu / Math.max(1, latencies.length) };
}

const fanOutLatencies: number[] = [];
let fanOutEvents = 0;
let fanOutCpuMicros = 0;
for (let round = 0; round < rounds; round += 1) {
  const result = await deliver([hotId]);
  fanOutLatencies.push(...result.latencies);
  fanOutEvents += result.events;
  fanOutCpuMicros += result.cpuMicrosPerEvent * result.events;
  await delay(200);
}
const allAtOnce = await deliver(spreadIds);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (values: number[], quantile: number) => `${percentileOf(values, quantile).toFixed(1)} ms`;
const perSubscription = (key: keyof Memory) => (idle[key] - baseline[key]) / subscriptionCount;
console.log(`\n(h) ${subscriptionCount} SSE subscriptions on one subgraph process (${fanOut} on one session, the rest over ${sessionCount}), ${latencyMs} ms provider, pacing off; opened in ${openingSeconds.toFixed(1)} s\n`);
console.log(`memory per idle subscription above the baseline: RSS ${kb(perSubscription('rssBytes'))}, heap ${kb(perSubscription('heapUsedBytes'))}, external ${kb(perSubscription('externalBytes'))}  (target: at most 20 KB)`);
console.log(`  baseline RSS ${(baseline.rssBytes / 2 ** 20).toFixed(0)} MB, with the subscriptions idle ${(idle.rssBytes / 2 ** 20).toFixed(0)} MB`);
console.log(`one webhook to ${fanOut} subscribers of one session (${rounds} rounds, ${fanOutEvents} deliveries): p50 ${ms(fanOutLatencies, 0.5)}, p99 ${ms(fanOutLatencies, 0.99)}, max ${ms(fanOutLatencies, 1)}  (target: within 100 ms at p99)`);
console.log(`  subgraph CPU per delivered event: ${(fanOutCpuMicros / Math.max(1, fanOutEvents)).toFixed(0)} µs`);
console.log(`${sessionCount} sessions changing at once, a webhook each (${allAtOnce.events} deliveries): p50 ${ms(allAtOnce.latencies, 0.5)}, p99 ${ms(allAtOnce.latencies, 0.99)}, max ${ms(allAtOnce.latencies, 1)}`);
console.log(`  subgraph CPU per delivered event: ${allAtOnce.cpuMicrosPerEvent.toFixed(0)} µs (the webhook, its provider read and the fan-out included)\n`);

for (const subscriber of subscribers) subscriber.close();
await subgraph.stop();
await emulator.close();
