import { ProviderEmulator } from '../../src/emulator/server.js';
import { serveBenchParent } from './bench-child.js';
import { benchSessionCount, benchWireSession } from './bench-sessions.js';

// The provider emulator for the benchmark: BENCH_LATENCY_MS before every answer.
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const emulator = await ProviderEmulator.start({ latencyMs });
for (let index = 0; index < benchSessionCount; index += 1) emulator.putStripeSession(benchWireSession(index));

serveBenchParent(
  { url: emulator.url, stripeSecretKey: emulator.stripeSecretKey },
  {
    resetCalls: () => emulator.resetCalls(),
    sessionCalls: () => emulator.countCalls('/v1/checkout/sessions/'),
  },
  () => emulator.close(),
);
