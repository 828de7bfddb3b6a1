import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Apollo Router's reading of a config file, for the parts the tests check without the
 * Router binary: `${env.NAME}` and `${env.NAME:-default}` expansion in every string, and
 * the `headers` rules it applies to each subgraph request. A rule or expansion it does not
 * know fails loudly rather than being guessed at.
 */
export interface RouterConfig {
  traffic_shaping?: { subgraphs?: Record<string, { timeout?: string }> };
  headers?: {
    all?: { request?: HeaderRule[] };
    subgraphs?: Record<string, { request?: HeaderRule[] }>;
  };
}

type HeaderRule = Record<string, Record<string, unknown>>;

/** Reads a router config and expands its variables from `environment`, as the router does at start-up. */
export function readRouterConfig(path: string, environment: Record<string, string | undefined>): RouterConfig {
  return expand(parse(readFileSync(path, 'utf8')), environment) as RouterConfig;
}

function expand(value: unknown, environment: Record<string, string | undefined>): unknown {
  if (Array.isArray(value)) return value.map((item) => expand(item, environment));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expand(item, environment)]));
  }
  if (typeof value !== 'string' || !value.includes('$')) return value;
  const expanded = value.replace(/\$\{env\.([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$/g, (match, name?: string, fallback?: string) => {
    if (name === undefined) throw new Error(`"${value}": only \${env.NAME} and \${env.NAME:-default} are expanded here`);
    const found = environment[name] ?? fallback;
    if (found === undefined) throw new Error(`cannot expand \${env.${name}}: it is not set`);
    return found;
  });
  // The router reads an expanded value as YAML: "true" becomes a boolean, "42" a number.
  const scalar: unknown = parse(expanded);
  return typeof scalar === 'boolean' || typeof scalar === 'number' || scalar === null ? scalar : expanded;
}

/** Never propagated by a `matching` rule. */
const hopByHopHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-type',
  'host',
]);

/** The headers the router adds to its request to `subgraph` for a client request with `clientHeaders`. */
export function subgraphRequestHeaders(
  config: RouterConfig,
  subgraph: string,
  clientHeaders: Record<string, string>,
): Record<string, string> {
  const incoming = new Map(Object.entries(clientHeaders).map(([name, value]) => [name.toLowerCase(), value]));
  const outgoing = new Map<string, string>();
  const rules = [...(config.headers?.all?.request ?? []), ...(config.headers?.subgraphs?.[subgraph]?.request ?? [])];
  for (const rule of rules) {
    const [[kind, options] = []] = Object.entries(rule);
    const { named, matching, rename, default: fallback, name, value } = options as Record<string, unknown>;
    if (kind === 'propagate' && typeof named === 'string') {
      const propagated = incoming.get(named.toLowerCase()) ?? fallback;
      if (typeof propagated === 'string') outgoing.set(typeof rename === 'string' ? rename.toLowerCase() : named.toLowerCase(), propagated);
    } else if (kind === 'propagate' && typeof matching === 'string') {
      for (const [header, headerValue] of incoming) {
        if (!hopByHopHeaders.has(header) && new RegExp(matching).test(header)) outgoing.set(header, headerValue);
      }
    } else if (kind === 'remove' && typeof named === 'string') {
      outgoing.delete(named.toLowerCase());
    } else if (kind === 'remove' && typeof matching === 'string') {
      for (const header of [...outgoing.keys()]) if (new RegExp(matching).test(header)) outgoing.delete(header);
    } else if (kind === 'insert' && typeof name === 'string') {
      if (typeof value !== 'string') throw new Error(`insert ${name}: the router needs a string value, not ${JSON.stringify(value)}`);
      outgoing.set(name.toLowerCase(), value);
    } else {
      throw new Error(`header rule not modelled here: ${JSON.stringify(rule)}`);
    }
  }
  return Object.fromEntries(outgoing);
}
