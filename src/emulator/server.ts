import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { json, type EmulatedRoutes, type EmulatorRateLimits, type WireObject } from '../providers/emulated-provider.js';
import type { ProviderModule } from '../providers/provider-module.js';
import { providerRegistry } from '../providers/registry.js';
import { authorizes, sendAnswer } from './answers.js';
import { FaultPlan, serveFault, type EmulatorFault, type FaultOptions } from './faults.js';
import { movingSessionDelayMs, MovingSessions } from './moving-sessions.js';
import { RateWindows } from './rate-windows.js';
import type { WebhookTarget } from './webhook-sender.js';

export type { EmulatorFault, FaultOptions } from './faults.js';
export type { EmulatorRateLimits } from '../providers/emulated-provider.js';

/** A provider's rate limits as the emulator enforces them: as documented, none at all, or lower ones for a test. */
export type RateLimitSetting = 'documented' | 'lifted' | Partial<EmulatorRateLimits>;

export interface EmulatorCall {
  method: string;
  path: string;
  /** When the call arrived, in `performance.now()` milliseconds. */
  at: number;
  /** Set when the call was answered 429 for being over a provider's documented rate limit: which one. */
  rateLimited?: string;
}

export interface ProviderEmulatorOptions {
  port?: number;
  /** The providers it serves, the registry's by default; at most one of them at its root. */
  providers?: readonly ProviderModule[];
  /** Added before every answer, to stand in for a real provider's round trip. */
  latencyMs?: number;
  stripeSecretKey?: string;
  convergeGateSecretKey?: string;
  /** Largest page of a list, whatever `limit` asks for; Stripe's own cap, 100, by default. */
  maxListPageSize?: number;
  /** Told of every call as it arrives, before any latency or fault (the benchmark times calls with it). */
  onCall?: (call: EmulatorCall) => void;
  /**
   * Keeps every call in `calls` until `resetCalls()` (the default, for tests and the
   * benchmark); false keeps none, as sandbox mode does, whose emulator runs as long as the
   * subgraph and would otherwise grow with every call.
   */
  keepCalls?: boolean;
  /** How long after its first read a moving session moves; 10 s by default. */
  movingSessionDelayMs?: number;
  /**
   * Stripe's rate limits, enforced by default as documented (with a live key 100 calls/s
   * for the account, with a test key 25, and 25 per endpoint); `lifted` for tests and
   * benchmarks that run without pacing. `clearFaults()` comes back to this.
   */
  stripeRateLimits?: RateLimitSetting;
}

/** One provider as this emulator serves it. */
interface ServedProvider {
  readonly module: ProviderModule;
  readonly routes: EmulatedRoutes;
  readonly webhookSecret: string;
  /** What `clearFaults()` comes back to. */
  readonly rateLimitSetting: RateLimitSetting;
  /** Its sliding windows, when it documents rate limits. */
  readonly windows: RateWindows | undefined;
}

/**
 * A stand-in for the payment providers over real HTTP on loopback: each provider of the
 * registry under its path prefix (Stripe at the root, Converge Gate under `/convergegate`).
 * It serves their paths and error bodies, checks each provider's key, counts the calls it
 * gets and can be told to misbehave. Sandbox mode and the tests both run against it.
 */
export class ProviderEmulator {
  readonly calls: EmulatorCall[] = [];
  /** Most requests it has held open at once since the last `resetCalls()`. */
  peakInFlight = 0;
  private inFlight = 0;
  private readonly served: ReadonlyMap<string, ServedProvider>;
  private readonly faults = new FaultPlan();
  private readonly server = createServer((request, response) => this.handle(request, response));
  private readonly latencyMs: number;
  private readonly onCall: ((call: EmulatorCall) => void) | undefined;
  private readonly keepCalls: boolean;
  private readonly moving: MovingSessions;

  private constructor(options: ProviderEmulatorOptions) {
    const modules = options.providers ?? providerRegistry;
    if (modules.filter((module) => module.emulator.pathPrefix === undefined).length > 1) {
      throw new Error('the emulator serves at most one provider at its root');
    }
    const chosenKeys: Record<string, string | undefined> = { stripe: options.stripeSecretKey, convergegate: options.convergeGateSecretKey };
    const chosenLimits: Record<string, RateLimitSetting | undefined> = { stripe: options.stripeRateLimits };
    this.served = new Map(
      modules.map((module) => {
        const secretKey = chosenKeys[module.key] ?? `sk_test_emulator${randomBytes(8).toString('hex')}`;
        const routes = module.emulator.createRoutes({ secretKey, maxListPageSize: options.maxListPageSize ?? 100 });
        const rateLimitSetting = chosenLimits[module.key] ?? 'documented';
        const windows = routes.rateLimits && new RateWindows(limitsOf(routes, rateLimitSetting));
        return [module.key, { module, routes, webhookSecret: module.emulator.webhookSecretFor(secretKey), rateLimitSetting, windows }];
      }),
    );
    this.latencyMs = options.latencyMs ?? 0;
    this.onCall = options.onCall;
    this.keepCalls = options.keepCalls ?? true;
    const nowSeconds = Math.floor(Date.now() / 1000);
    this.moving = new MovingSessions(
      [...this.served.values()].flatMap(({ module, routes }) =>
        module.emulator.movingSessions(nowSeconds).map((session) => ({ provider: module, routes, session })),
      ),
      options.movingSessionDelayMs ?? movingSessionDelayMs,
    );
  }

  static async start(options: ProviderEmulatorOptions = {}): Promise<ProviderEmulator> {
    const emulator = new ProviderEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once('error', reject);
      emulator.server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    return emulator;
  }

  /** The emulator's root: Stripe's base URL. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** A provider's base URL, its path prefix included. */
  urlOf(key: string): string {
    const prefix = this.provider(key).module.emulator.pathPrefix;
    return prefix === undefined ? this.url : `${this.url}/${prefix}`;
  }

  /** The key every request to the provider must carry. */
  secretKeyOf(key: string): string {
    return this.provider(key).routes.secretKey;
  }

  /** The secret the provider's webhooks are signed with unless the subgraph is given one. */
  webhookSecretOf(key: string): string {
    return this.provider(key).webhookSecret;
  }

  /** Serves the body under the id it is requested by; the body's own id may differ. */
  putSession(key: string, id: string, session: Record<string, unknown>): void {
    this.provider(key).routes.putSession(id, session);
  }

  /**
   * Enforces other limits of a provider that documents its own from now on: lower ones
   * (`{ endpointPerSecond: 5 }`, the rest as documented), `lifted`, or `documented`.
   * `clearFaults()` undoes it.
   */
  setRateLimits(key: string, setting: RateLimitSetting): void {
    const { routes, windows } = this.provider(key);
    windows?.setLimits(limitsOf(routes, setting));
  }

  // The two providers the tests and the demo name.

  get stripeSecretKey(): string {
    return this.secretKeyOf('stripe');
  }

  get convergeGateSecretKey(): string {
    return this.secretKeyOf('convergegate');
  }

  /** The endpoint secret its Stripe webhooks are signed with (Converge Gate's are signed with its secret key). */
  get stripeWebhookSecret(): string {
    return this.webhookSecretOf('stripe');
  }

  /** Converge Gate's base URL, path prefix included. */
  get convergeGateUrl(): string {
    return this.urlOf('convergegate');
  }

  putStripeSession(session: WireObject): void {
    this.putSession('stripe', session.id, session);
  }

  /** Serves a Stripe object a session leads to (a payment intent, charge, balance transaction, invoice payment, refund or product). */
  putStripeObject(object: WireObject): void {
    const { routes } = this.provider('stripe');
    if (!routes.putObject) throw new Error('the emulated Stripe keeps no other objects');
    routes.putObject(object);
  }

  putConvergeGateSession(id: string, session: Record<string, unknown>): void {
    this.putSession('convergegate', id, session);
  }

  setStripeRateLimits(setting: RateLimitSetting): void {
    this.setRateLimits('stripe', setting);
  }

  /** Calls whose path starts with the prefix (all calls without one). */
  countCalls(pathPrefix = ''): number {
    return this.calls.filter((call) => call.path.startsWith(pathPrefix)).length;
  }

  resetCalls(): void {
    this.calls.length = 0;
    this.peakInFlight = this.inFlight;
  }

  /**
   * Makes requests about this id misbehave, for any provider: a session id, a Stripe
   * session's `<id>/line_items`, or the payment intent id of a Stripe refund list; every
   * time, or `times` times and then normally ("fail twice then succeed").
   */
  injectFault(id: string, fault: EmulatorFault, options?: FaultOptions): void {
    this.faults.inject(id, fault, options);
  }

  /** Makes this share (0..1) of calls without a fault of their own misbehave, evenly spread. */
  injectFaultForShare(share: number, fault: EmulatorFault): void {
    this.faults.injectForShare(share, fault);
  }

  clearFaults(): void {
    this.faults.clear();
    for (const { routes, windows, rateLimitSetting } of this.served.values()) windows?.setLimits(limitsOf(routes, rateLimitSetting));
  }

  /** Sends the webhooks of the sessions that move to this subgraph, signed with the webhook secrets of its sections, logging each to `logger`. */
  sendWebhooksTo(target: WebhookTarget, logger: Logger): void {
    this.moving.sendWebhooksTo(target, logger);
  }

  async close(): Promise<void> {
    this.moving.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private provider(key: string): ServedProvider {
    const served = this.served.get(key);
    if (!served) throw new Error(`the emulator does not serve ${key}`);
    return served;
  }

  /** The provider a path is for, and the path within it: the one whose prefix it starts with, else the one at the root. */
  private providerAt(segments: readonly string[]): { served: ServedProvider; path: readonly string[] } | undefined {
    const served = [...this.served.values()];
    const prefixed = served.find(({ module }) => module.emulator.pathPrefix !== undefined && module.emulator.pathPrefix === segments[0]);
    if (prefixed) return { served: prefixed, path: segments.slice(1) };
    const root = served.find(({ module }) => module.emulator.pathPrefix === undefined);
    return root && { served: root, path: segments };
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    const call: EmulatorCall = { method: request.method ?? 'GET', path: url.pathname + url.search, at: performance.now() };
    if (this.keepCalls) this.calls.push(call);
    this.onCall?.(call);
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    response.once('close', () => {
      this.inFlight -= 1;
    });
    const answer = () => this.answer(request, response, url, call);
    if (this.latencyMs > 0) setTimeout(answer, this.latencyMs);
    else answer();
  }

  private answer(request: IncomingMessage, response: ServerResponse, url: URL, call: EmulatorCall): void {
    const target = this.providerAt(url.pathname.split('/').filter(Boolean).map(decodeURIComponent));
    if (!target) return sendAnswer(response, json(404, { error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } }));
    const { routes, windows } = target.served;
    const route = authorizes(request.headers.authorization, routes.secretKey) ? routes.route(target.path, url.searchParams) : routes.unauthorized();
    for (const [name, value] of Object.entries(route.headers ?? {})) response.setHeader(name, value);
    if (request.method !== 'GET') {
      return sendAnswer(response, json(405, { error: { type: 'invalid_request_error', message: 'Method not allowed' } }));
    }
    if (route.faultKey !== undefined) this.moving.noticeRead(route.faultKey);
    if (windows && route.overRateLimit && route.endpoint !== undefined) {
      // Counted when it arrived, as Stripe counts: latency added by the emulator is the network's.
      const over = windows.admit(route.endpoint, call.at);
      if (over) {
        call.rateLimited = over;
        const { status, body, headers } = route.overRateLimit(over);
        response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
        return;
      }
    }
    const fault = route.faultKey === undefined ? undefined : this.faults.take(route.faultKey);
    if (fault) return serveFault(response, fault, () => route.answer());
    sendAnswer(response, route.answer());
  }
}

function limitsOf(routes: EmulatedRoutes, setting: RateLimitSetting): EmulatorRateLimits {
  if (setting === 'lifted' || !routes.rateLimits) return { globalPerSecond: undefined, endpointPerSecond: undefined };
  const documented = routes.rateLimits.documented();
  return setting === 'documented' ? documented : { ...documented, ...setting };
}
