import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentBomb } from '../../support/fragment-bomb.js';
import { compiledSubgraph, startSubgraphProcess, type SubgraphProcess } from '../../support/subgraph-process.js';

/**
 * The subgraph runs in a process of its own, so that a request blocking its event loop
 * leaves this one free to see `/health` wait.
 */
describe('a fragment bomb against npm start', () => {
  let subgraph: SubgraphProcess;
  let graphqlUrl: string;

  beforeAll(async () => {
    subgraph = startSubgraphProcess(compiledSubgraph(), { PORT: '0', HOST: '127.0.0.1' });
    graphqlUrl = await subgraph.ready();
  });
  afterAll(() => subgraph?.kill('SIGKILL'));

  it.each(['session', 'root'] as const)('refuses 40 levels on the %s and answers /health while judging it', async (on) => {
    const bomb = request(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: fragmentBomb(40, on) }),
    });
    const health = request(graphqlUrl.replace(/\/graphql$/, '/health'));
    expect((await health).statusCode).toBe(200);

    const answer = await bomb;
    const body = (await answer.body.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
    expect(answer.statusCode).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/exceeds the limit of 50000 \(MAX_QUERY_COST\).*more than 10000 selections/);
  });
});
