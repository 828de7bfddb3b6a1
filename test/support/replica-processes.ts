import { request } from 'undici';
import { compiledSubgraph, startSubgraphProcess, type CompiledSubgraph, type SubgraphProcess } from './subgraph-process.js';

/** A compiled subgraph in a process of its own, and its base URL. */
export interface ReplicaProcess {
  url: string;
  child: SubgraphProcess;
}

/**
 * Starts one replica of the compiled subgraph with exactly this environment (plus PATH, a
 * free port and `info` logs); `build` is the test run's own unless given (the benchmark's).
 */
export async function startReplicaProcess(environment: Record<string, string>, build: CompiledSubgraph = compiledSubgraph()): Promise<ReplicaProcess> {
  const subgraph = startSubgraphProcess(build, {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...environment,
  });
  try {
    return { url: (await subgraph.ready()).replace(/\/graphql$/, ''), child: subgraph };
  } catch (error) {
    subgraph.kill('SIGKILL');
    throw error;
  }
}

export async function stopReplicaProcesses(replicas: readonly ReplicaProcess[]): Promise<void> {
  await Promise.all(
    replicas.map((replica) => {
      replica.child.kill('SIGKILL');
      return replica.child.exited;
    }),
  );
}

const sessionQuery = `query ($id: ID!) { checkoutSession(id: $id) { id amountTotal { amount } } }`;

/** What one query for the session came back with: `answered` (with its data), or the error code. */
export async function askForSession(replica: ReplicaProcess, id: string): Promise<string> {
  try {
    const response = await request(`${replica.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: sessionQuery, variables: { id } }),
    });
    const text = await response.body.text();
    const body = JSON.parse(text) as { data?: { checkoutSession?: { id?: string } | null } | null; errors?: Array<{ extensions?: { code?: unknown } }> };
    if (body.data?.checkoutSession?.id === id && body.errors === undefined) return 'answered';
    return String(body.errors?.[0]?.extensions?.code ?? `no code (HTTP ${response.statusCode})`);
  } catch (error) {
    return `transport: ${(error as Error).message}`;
  }
}

/** How many times each outcome occurs. */
export function tally(outcomes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}
