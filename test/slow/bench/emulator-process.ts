import { randomBytes } from 'node:crypto';
import { ProviderEmulator } from '../../../src/emulator/server.js';
import { serveBenchParent } from './bench-child.js';
import { benchSessionCount, benchWireSession, zipfSessionCount, zipfWireSession } from './bench-sessions.js';

// The provider emulator for the benchmark: BENCH_LATENCY_MS before every answer, its Stripe key
// a test key, or a live one with BENCH_STRIPE_MODE=live (Stripe's limits differ by mode).
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const stripeMode = process.env.BENCH_STRIPE_MODE === 'live' ? 'live' : 'test';
const sessionPath = '/v1/checkout/sessions/';
/** When each session call since the last reset arrived, as `[path, ms since the epoch]`. */
const sessionCallTimes: Array<[string, number]> = [];
// Stripe's limits are lifted for the rows that run without pacing; rows (g) pace within them and have them enforced.
const emulator = await ProviderEmulator.start({
  latencyMs,
  stripeRateLimits: 'lifted',
  stripeSecretKey: `sk_${stripeMode}_emulator${randomBytes(8).toString('hex')}`,
  onCall: ({ path }) => {
    if (path.startsWith(sessionPath)) sessionCallTimes.push([path.slice(sessionPath.length), performance.timeOrigin + performance.now()]);
  },
});
for (let index = 0; index < benchSessionCount; index += 1) emulator.putStripeSession(benchWireSession(index));
for (let rank = 0; rank < zipfSessionCount; rank += 1) emulator.putStripeSession(zipfWireSession(rank));

serveBenchParent(
  { url: emulator.url, stripeSecretKey: emulator.stripeSecretKey },
  {
    resetCalls: () => {
      emulator.resetCalls();
      sessionCallTimes.length = 0;
    },
    sessionCalls: () => emulator.countCalls(sessionPath),
    sessionCallTimes: () => sessionCallTimes,
    /** When each session call the emulator answered 429 (over Stripe's limits) arrived, in ms since the epoch. */
    rateLimitedCallTimes: () =>
      emulator.calls
        .filter((call) => call.rateLimited !== undefined && call.path.startsWith(sessionPath))
        .map((call) => performance.timeOrigin + call.at),
    enforceStripeRateLimits: () => emulator.setStripeRateLimits('documented'),
    liftStripeRateLimits: () => emulator.setStripeRateLimits('lifted'),
  },
  () => emulator.close(),
);
