import type { Environment } from './environment.js';
import { hasProviderKey, providerKeyExample, providerKeyVariables } from './provider-sections.js';

// The checks across settings: each answers the start-up error line, or the warning, it finds; undefined when all is well.

/** Settings that are no longer read, and what replaced them: setting one stops start-up rather than being ignored. */
const removedSettings: Record<string, string> = {
  PROVIDER_BREAKER_FAILURES:
    'set PROVIDER_BREAKER_MIN_CALLS and PROVIDER_BREAKER_FAILURE_RATE instead; for example PROVIDER_BREAKER_MIN_CALLS=50 PROVIDER_BREAKER_FAILURE_RATE=0.5',
};

export function removedSettingProblems(environment: NodeJS.ProcessEnv): string[] {
  return Object.entries(removedSettings)
    .filter(([variable]) => (environment[variable] ?? '').trim() !== '')
    .map(([variable, replacement]) => `${variable} is no longer read: ${replacement}`);
}

const nodeEnvironments = new Set(['production', 'development', 'test']);

/** `prod`, `Production`, `PRODUCTION` mean production, yet anything but `production` runs as development. */
export function nodeEnvironmentProblem(env: Environment): string | undefined {
  const value = env.NODE_ENV;
  if (value === undefined || nodeEnvironments.has(value)) return undefined;
  const lower = value.toLowerCase();
  if (lower !== 'prd' && !(lower.length >= 3 && 'production'.startsWith(lower))) return undefined;
  return `NODE_ENV=${value} is not production: only NODE_ENV=production, in full and in lower case, turns introspection and sandbox data off; for example NODE_ENV=production`;
}

const minimumRouterSecretLength = 16;

/** Never repeats the value. */
export function routerSecretProblem(env: Environment): string | undefined {
  if (env.ROUTER_SECRET === undefined || env.ROUTER_SECRET.length >= minimumRouterSecretLength) return undefined;
  return `ROUTER_SECRET is shorter than ${minimumRouterSecretLength} characters and easy to guess: give the subgraph and its router the same random value, for example ROUTER_SECRET=$(openssl rand -hex 32)`;
}

export function startupWarnings(env: Environment): string[] {
  const warnings: string[] = [];
  if (env.NODE_ENV !== undefined && !nodeEnvironments.has(env.NODE_ENV)) {
    warnings.push(`NODE_ENV=${env.NODE_ENV} is not production, development or test: running as development (introspection and the Sandbox page on, sandbox mode when no key is set)`);
  }
  if (env.NODE_ENV === 'production' && env.ROUTER_SECRET === undefined) {
    warnings.push('ROUTER_SECRET is not set: anyone who reaches this subgraph\'s port can query it; give it and its router the same random value, for example ROUTER_SECRET=$(openssl rand -hex 32)');
  }
  return warnings;
}

/** Node refuses a headers deadline past the whole request's: the headers are part of the request. */
export function headersTimeoutProblem(env: Environment): string | undefined {
  if (env.HEADERS_TIMEOUT_MS <= env.REQUEST_BODY_TIMEOUT_MS) return undefined;
  return `HEADERS_TIMEOUT_MS=${env.HEADERS_TIMEOUT_MS} is longer than REQUEST_BODY_TIMEOUT_MS=${env.REQUEST_BODY_TIMEOUT_MS}, which covers the headers too: make it at most that, for example HEADERS_TIMEOUT_MS=${env.REQUEST_BODY_TIMEOUT_MS}`;
}

/** 12 s (graphql-ws's and graphql-sse's own interval), or half the idle timeout when that is shorter. */
export function defaultKeepAliveMs(env: Environment): number {
  return Math.max(1, Math.min(12_000, Math.floor(env.IDLE_TIMEOUT_MS / 2)));
}

/** A quiet subscription stream is kept open by its pings: they must come more often than the idle timeout cuts. */
export function keepAliveProblem(env: Environment): string | undefined {
  if (env.SUBSCRIPTION_KEEPALIVE_MS === undefined || env.SUBSCRIPTION_KEEPALIVE_MS < env.IDLE_TIMEOUT_MS) return undefined;
  return `SUBSCRIPTION_KEEPALIVE_MS=${env.SUBSCRIPTION_KEEPALIVE_MS} is not below IDLE_TIMEOUT_MS=${env.IDLE_TIMEOUT_MS}: a quiet subscription stream would be cut between its pings; for example SUBSCRIPTION_KEEPALIVE_MS=${defaultKeepAliveMs(env)}`;
}

export function metricsPortProblem(env: Environment): string | undefined {
  if (env.METRICS_PORT === undefined || env.METRICS_PORT === 0 || env.METRICS_PORT !== env.PORT) return undefined;
  return `METRICS_PORT=${env.METRICS_PORT} is PORT as well: leave METRICS_PORT unset to serve /metrics on PORT, or choose another port, for example METRICS_PORT=9464`;
}

/** Sandbox mode serves made-up sessions, so it is never entered in production by a key that failed to arrive. */
export function sandboxProblem(env: Environment): string | undefined {
  const keyed = hasProviderKey(env);
  const anyKey = providerKeyVariables.join(' or ');
  if (env.SANDBOX === true && keyed) {
    return `SANDBOX=true serves the built-in emulator, so ${providerKeyVariables.join(' and ')} must be unset: set one or the other, for example SANDBOX=false`;
  }
  if (env.SANDBOX === false && !keyed) {
    return `SANDBOX=false needs a provider key: set ${anyKey}, for example ${providerKeyExample}`;
  }
  if (env.SANDBOX === undefined && !keyed && env.NODE_ENV === 'production') {
    return `${anyKey} is required when NODE_ENV=production: set a key, for example ${providerKeyExample}, or SANDBOX=true to serve the built-in emulator's example sessions`;
  }
  return undefined;
}
