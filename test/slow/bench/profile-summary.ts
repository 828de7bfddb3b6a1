import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** The parts of a V8 `.cpuprofile` the summary reads. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  layer: string;
  /** Share of the process's busy time (idle excluded), in percent, by where the time was spent itself. */
  percent: number;
}

/** Layers in the order a request passes them; the first whose test matches a frame's script claims it. */
const layers: Array<[layer: string, claims: (url: string, functionName: string) => boolean]> = [
  ['garbage collection', (_url, name) => name === '(garbage collector)'],
  ['Node HTTP server, sockets, streams', (url) => /^node:(_http|http|net|stream|internal\/(http|streams|stream_base|js_stream|net))/.test(url)],
  ['Apollo Server', (url) => url.includes('/@apollo/server/') || url.includes('/@apollo/utils.')],
  ['Apollo subgraph (federation)', (url) => url.includes('/@apollo/subgraph/') || url.includes('/@apollo/federation-internals/')],
  ['graphql-js', (url) => url.includes('/node_modules/graphql/')],
  ['graphql-query-complexity', (url) => url.includes('/graphql-query-complexity/')],
  ['undici (provider call)', (url) => url.includes('/node_modules/undici/') || url.startsWith('node:internal/deps/undici')],
  ['zod', (url) => url.includes('/node_modules/zod/')],
  ['dataloader, lru-cache, p-limit', (url) => /\/node_modules\/(dataloader|lru-cache|p-limit|yocto-queue)\//.test(url)],
  ['pino (logging)', (url) => url.includes('/node_modules/pino')],
  ["the project's own code (src/)", (url) => url.includes('/src/') && !url.includes('/node_modules/')],
  ['JSON, timers, other Node internals', (url) => url.startsWith('node:')],
];

/** Frames V8 lists without a script: the VM itself, outside any JavaScript. */
const vmFrames = new Set(['(program)', '(root)']);

/**
 * Where a process's CPU time went, by layer: the self time of each frame, idle left out.
 * A native function (JSON.parse, a Buffer copy, a regular expression) counts for the layer
 * of the script that called it.
 */
export function summarizeProfile(profile: CpuProfile): ProfileShare[] {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const layerOfNode = new Map<number, string>();
  const layerOf = (id: number): string => {
    const known = layerOfNode.get(id);
    if (known !== undefined) return known;
    const { url, functionName } = nodes.get(id)!.callFrame;
    const parent = parentOf.get(id);
    let layer: string;
    if (vmFrames.has(functionName) || (url === '' && parent === undefined)) layer = 'V8 outside JavaScript';
    else if (url === '' && functionName !== '(garbage collector)') layer = layerOf(parent!);
    else layer = layers.find(([, claims]) => claims(url, functionName))?.[0] ?? 'other packages';
    layerOfNode.set(id, layer);
    return layer;
  };
  for (const node of profile.nodes) if (node.callFrame.functionName !== '(idle)') layerOf(node.id);
  const micros = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((nodeId, index) => {
    const layer = layerOfNode.get(nodeId);
    if (layer === undefined) return;
    const delta = profile.timeDeltas[index + 1] ?? 0;
    micros.set(layer, (micros.get(layer) ?? 0) + delta);
    busy += delta;
  });
  return [...micros]
    .map(([layer, time]) => ({ layer, percent: busy === 0 ? 0 : (100 * time) / busy }))
    .sort((a, b) => b.percent - a.percent);
}

/** Every `.cpuprofile` in a directory written since `sinceMs` (earlier runs' are left out), summarised. */
export async function summarizeProfiles(directory: string, sinceMs = 0): Promise<Array<{ file: string; shares: ProfileShare[] }>> {
  const files: string[] = [];
  for (const name of await readdir(directory)) {
    if (name.endsWith('.cpuprofile') && (await stat(path.join(directory, name))).mtimeMs >= sinceMs) files.push(name);
  }
  return Promise.all(
    files.map(async (file) => ({
      file,
      shares: summarizeProfile(JSON.parse(await readFile(path.join(directory, file), 'utf8')) as CpuProfile),
    })),
  );
}
