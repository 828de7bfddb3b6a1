import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Apollo Router's reading of a config file, for the parts the tests check without the
 * Router binary: `${env.NAME}` and `${env.NAME:-default}` expansion in every string, the
 * `headers` rules it applies to each subgraph request, and what `include_subgraph_errors`
 * lets through of a subgraph's errors. A rule, option or expansion it does not know fails
 * loudly rather than being guessed at.
 */
export interface RouterConfig {
  supergraph?: { listen?: string };
  traffic_shaping?: { subgraphs?: Record<string, { timeout?: string; pool_idle_timeout?: string }> };
  include_subgraph_errors?: {
    all?: boolean | ErrorInclusion;
    subgraphs?: Record<string, boolean | ErrorInclusion>;
  };
  headers?: {
    all?: { request?: HeaderRule[] };
    subgraphs?: Record<string, { request?: HeaderRule[] }>;
  };
  subscription?: {
    enabled?: boolean;
    mode?: { passthrough?: { all?: WebSocketMode; subgraphs?: Record<string, WebSocketMode> }; callback?: CallbackMode };
  };
}

/** Router 2.x's `subscription.mode.passthrough` settings for a subgraph. */
export interface WebSocketMode {
  path?: string;
  protocol?: 'graphql_ws' | 'graphql_transport_ws';
  heartbeat_interval?: string;
}

/** Router 2.x's `subscription.mode.callback`. */
export interface CallbackMode {
  public_url: string;
  listen?: string;
  path?: string;
  heartbeat_interval?: string;
  subgraphs?: string[];
}

type HeaderRule = Record<string, Record<string, unknown>>;

/** Router 2.x's object form of `include_subgraph_errors`, for `all` or one subgraph. */
export interface ErrorInclusion {
  redact_message?: boolean;
  allow_extensions_keys?: string[];
  deny_extensions_keys?: string[];
  /** For a subgraph: keys of `all`'s allow list it does not inherit. */
  exclude_global_keys?: string[];
}

const errorInclusionOptions = new Set(['redact_message', 'allow_extensions_keys', 'deny_extensions_keys', 'exclude_global_keys']);

export interface SubgraphError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The router's message for a subgraph error whose message it redacts. */
export const redactedMessage = 'Subgraph errors redacted';

/**
 * A subgraph's error as the router passes it to the client: unchanged, redacted in full,
 * or with its message redacted and only the extension keys its allow list (the subgraph's
 * plus the inherited keys of `all`) or deny list leaves.
 */
export function errorSentToClient(config: RouterConfig, subgraph: string, error: SubgraphError): SubgraphError {
  const inclusion = config.include_subgraph_errors ?? {};
  const all = inclusion.all ?? false;
  const own = inclusion.subgraphs?.[subgraph];
  if (typeof all === 'boolean' && own !== undefined && typeof own !== 'boolean') {
    throw new Error(`include_subgraph_errors: with a boolean \`all\`, subgraphs.${subgraph} must be a boolean too`);
  }
  const chosen = own ?? all;
  if (chosen === true) return error;
  if (chosen === false) return { message: redactedMessage, extensions: {} };
  for (const rule of [all, chosen]) {
    if (typeof rule === 'boolean') continue;
    const unknown = Object.keys(rule).filter((option) => !errorInclusionOptions.has(option));
    if (unknown.length > 0) throw new Error(`include_subgraph_errors option not modelled here: ${unknown.join(', ')}`);
  }
  const inherited = typeof all === 'boolean' || chosen === all ? [] : (all.allow_extensions_keys ?? []).filter((key) => !(chosen.exclude_global_keys ?? []).includes(key));
  const allowed = chosen.allow_extensions_keys === undefined && inherited.length === 0 ? undefined : new Set([...inherited, ...(chosen.allow_extensions_keys ?? [])]);
  const denied = new Set(chosen.deny_extensions_keys ?? []);
  const extensions = Object.fromEntries(
    Object.entries(error.extensions ?? {}).filter(([key]) => (allowed === undefined || allowed.has(key)) && !denied.has(key)),
  );
  // A subgraph inherits `all`'s choice; with neither set, this reads it as redacted, the safe guess.
  const redact = chosen.redact_message ?? (typeof all === 'boolean' ? undefined : all.redact_message) ?? true;
  return { message: redact ? redactedMessage : error.message, extensions };
}

/** Reads a router config and expands its variables from `environment`, as the router does at start-up. */
export function readRouterConfig(path: string, environment: Record<string, string | undefined>): RouterConfig {
  return expand(parse(readFileSync(path, 'utf8')), environment) as RouterConfig;
}

/**
 * A config with its commented-out block between `# BEGIN <name>` and `# END <name>`
 * uncommented in place, as a user following its comment would do.
 */
export function readWithAlternative(path: string, name: string, environment: Record<string, string | undefined>): RouterConfig {
  const lines = readFileSync(path, 'utf8').split('\n');
  const begin = lines.findIndex((line) => line.trim() === `# BEGIN ${name}`);
  const end = lines.findIndex((line) => line.trim() === `# END ${name}`);
  if (begin < 0 || end < begin) throw new Error(`${path} has no block "${name}"`);
  const indent = lines[begin]!.indexOf('#');
  const block = lines.slice(begin + 1, end).map((line) => line.slice(0, indent) + line.slice(indent + 2));
  const kept = [...lines.slice(0, begin), ...block, ...lines.slice(end + 1)];
  return expand(parse(kept.join('\n')), environment) as RouterConfig;
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
