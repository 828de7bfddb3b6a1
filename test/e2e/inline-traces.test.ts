import { describe, expect, it } from 'vitest';
import { stripeSeedExampleId } from '../../src/providers/stripe/emulator/sessions.js';
import { postGraphQL, startHarness, useHarness } from '../support/harness.js';
import { memoryLogger } from '../support/log-lines.js';

const routerSecret = 'a-router-secret-of-some-length';
const query = { query: `{ checkoutSession(id: "${stripeSeedExampleId}") { id status } }` };
const askingForTimings = { 'apollo-federation-include-trace': 'ftv1' };

const timingsIn = async (graphqlUrl: string, headers: Record<string, string> = {}) => {
  const answer = await postGraphQL(graphqlUrl, query, { ...askingForTimings, ...headers });
  expect(answer.errors).toBeUndefined();
  return (JSON.parse(answer.text) as { extensions?: { ftv1?: unknown } }).extensions?.ftv1;
};

describe('per-field timings without ROUTER_SECRET', () => {
  const harness = useHarness();

  it('are served to nobody who asks for them', async () => {
    expect(await timingsIn(harness.graphqlUrl)).toBeUndefined();
  });
});

describe('per-field timings with INLINE_TRACES=true and no ROUTER_SECRET', () => {
  const harness = useHarness({ INLINE_TRACES: 'true' });

  it('are served to whoever asks', async () => {
    expect(typeof (await timingsIn(harness.graphqlUrl))).toBe('string');
  });
});

describe('per-field timings with ROUTER_SECRET', () => {
  const harness = useHarness({ ROUTER_SECRET: routerSecret });

  it('are served to the router, which asks for them', async () => {
    expect(typeof (await timingsIn(harness.graphqlUrl, { 'router-secret': routerSecret }))).toBe('string');
  });
});

describe('starting the subgraph', () => {
  it('logs no line about enabling inline tracing: the setting decides, not Apollo', async () => {
    const { logger, lines } = memoryLogger();
    const harness = await startHarness({}, {}, { logger });
    await harness.close();
    expect(JSON.stringify(lines.filter((line) => line.level === 30))).not.toMatch(/inline tracing/i);
  });
});
