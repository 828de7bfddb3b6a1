import { compiledSubgraph, startSubgraphProcess, type SubgraphProcess } from './subgraph-process.js';

/** A compiled subgraph in a process of its own, and its base URL. */
export interface ReplicaProcess {
  url: string;
  child: SubgraphProcess;
}

/** Starts one replica of the compiled subgraph with exactly this environment (plus PATH, a free port and `info` logs). */
export async function startReplicaProcess(environment: Record<string, string>): Promise<ReplicaProcess> {
  const subgraph = startSubgraphProcess(compiledSubgraph(), {
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

/** Most of `times` (ms) within any one second. */
export function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while (sorted[last]! - sorted[first]! >= 1000) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
