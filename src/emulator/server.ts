import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { ConvergeGateRoutes } from './convergegate-routes.js';
import { FaultPlan, serveFault, type EmulatorFault, type FaultOptions } from './faults.js';
import { RateWindows, type EmulatorRateLimits } from './rate-windows.js';
import { authorizes, json, sendAnswer, type ProviderRoutes, type WireObject } from './route.js';
import { movingSessionDelayMs, movingSessions } from './data/moving-sessions.js';
import { MovingSessions } from './moving-sessions.js';
import { StripeRoutes } from './stripe-routes.js';
import type { WebhookTarget } from './webhook-sender.js';

export type { EmulatorFault, FaultOptions } from './faults.js';
export type { EmulatorRateLimits } from './rate-windows.js';

/** Stripe's limits as the emulator enforces them: as documented, none at all, or lower ones for a test. */
export type StripeRateLimitSetting = 'documented' | 'lifted' | Partial<EmulatorRateLimits>;

export interface EmulatorCall {
  method: string;
  path: string;
  /** When the call arrived, in `performance.now()` milliseconds. */
  at: number;
  /** Set when the call was answered 429 for being over a Stripe rate limit: which one. */
  rateLimited?: string;
}

export interface ProviderEmulatorOptions {
  port?: number;
  /** Added before every answer, to stand in for a real provider's round trip. */
  latencyMs?: number;
  stripeSecretKey?: string;
  convergeGateSecretKey?: string;
  /** Largest page of a Stripe list, whatever `limit` asks for; Stripe's own cap, 100, by default. */
  maxListPageSize?: number;
  /** Told of every call as it arrives, before any latency or fault (the benchmark times calls with it). */
  onCall?: (call: EmulatorCall) => void;
  /** How long after its first read a moving session moves; 10 s by default. */
  movingSessionDelayMs?: number;
  /**
   * Stripe's rate limits, enforced by default as documented (with a live key 100 calls/s
   * for the account, with a test key 25, and 25 per endpoint); `lifted` for tests and
   * benchmarks that run without pacing. `clearFaults()` comes back to this.
   */
  stripeRateLimits?: StripeRateLimitSetting;
}

/** Converge Gate's base URL is per merchant and may carry a path; the emulator serves it under this one. */
const convergeGatePrefix = 'convergegate';

/**
 * A stand-in for the payment providers over real HTTP on loopback: Stripe at its root,
 * Converge Gate under `/convergegate`. It serves their paths and error bodies, checks each
 * provider's key, counts the calls it gets and can be told to misbehave. Sandbox mode and
 * the tests both run against it.
 */
export class ProviderEmulator {
  readonly stripeSecretKey: string;
  readonly convergeGateSecretKey: string;
  /** The endpoint secret its Stripe webhooks are signed with (Converge Gate's are signed with its secret key). */
  readonly stripeWebhookSecret = `whsec_emulator${randomBytes(12).toString('hex')}`;
  readonly calls: EmulatorCall[] = [];
  /** Most requests it has held open at once since the last `resetCalls()`. */
  peakInFlight = 0;
  private inFlight = 0;
  private readonly stripe: StripeRoutes;
  private readonly convergeGate: ConvergeGateRoutes;
  private readonly faults = new FaultPlan();
  private readonly server = createServer((request, response) => this.handle(request, response));
  private readonly latencyMs: number;
  private readonly onCall: ((call: EmulatorCall) => void) | undefined;
  private readonly moving: MovingSessions;
  private readonly stripeRateLimits: StripeRateLimitSetting;
  private readonly stripeWindows: RateWindows;

  private constructor(options: ProviderEmulatorOptions) {
    this.stripeSecretKey = options.stripeSecretKey ?? `sk_test_emulator${randomBytes(8).toString('hex')}`;
    this.convergeGateSecretKey = options.convergeGateSecretKey ?? `sk_test_emulator${randomBytes(8).toString('hex')}`;
    this.latencyMs = options.latencyMs ?? 0;
    this.onCall = options.onCall;
    this.stripe = new StripeRoutes({ secretKey: this.stripeSecretKey, maxListPageSize: options.maxListPageSize ?? 100 });
    this.convergeGate = new ConvergeGateRoutes(this.convergeGateSecretKey);
    this.moving = new MovingSessions(
      movingSessions(Math.floor(Date.now() / 1000)),
      (moved, wire) => (moved.provider === 'stripe' ? this.stripe.putSession(wire) : this.convergeGate.putSession(moved.id, wire)),
      options.movingSessionDelayMs ?? movingSessionDelayMs,
    );
    this.stripeRateLimits = options.stripeRateLimits ?? 'documented';
    this.stripeWindows = new RateWindows(this.stripeLimits(this.stripeRateLimits));
  }

  static async start(options: ProviderEmulatorOptions = {}): Promise<ProviderEmulator> {
    const emulator = new ProviderEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once('error', reject);
      emulator.server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    return emulator;
  }

  /** Stripe's base URL. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Converge Gate's base URL, path prefix included. */
  get convergeGateUrl(): string {
    return `${this.url}/${convergeGatePrefix}`;
  }

  /** Calls whose path starts with the prefix (all calls without one). */
  countCalls(pathPrefix = ''): number {
    return this.calls.filter((call) => call.path.startsWith(pathPrefix)).length;
  }

  resetCalls(): void {
    this.calls.length = 0;
    this.peakInFlight = this.inFlight;
  }

  putStripeSession(session: WireObject): void {
    this.stripe.putSession(session);
  }

  /** Serves the body under the id it is requested by; the body's own id may differ. */
  putConvergeGateSession(id: string, session: Record<string, unknown>): void {
    this.convergeGate.putSession(id, session);
  }

  /**
   * Makes requests about this id misbehave, for either provider: a session id, a Stripe
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

  /**
   * Enforces other Stripe rate limits from now on: lower ones (`{ endpointPerSecond: 5 }`,
   * the rest as documented), `lifted`, or `documented`. `clearFaults()` undoes it.
   */
  setStripeRateLimits(setting: StripeRateLimitSetting): void {
    this.stripeWindows.setLimits(this.stripeLimits(setting));
  }

  clearFaults(): void {
    this.faults.clear();
    this.stripeWindows.setLimits(this.stripeLimits(this.stripeRateLimits));
  }

  /** Sends the webhooks of the sessions that move (signed with these secrets) to this subgraph, logging each to `logger`. */
  sendWebhooksTo(target: WebhookTarget, logger: Logger): void {
    this.moving.sendWebhooksTo(target, logger);
  }

  async close(): Promise<void> {
    this.moving.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private stripeLimits(setting: StripeRateLimitSetting): EmulatorRateLimits {
    if (setting === 'lifted') return { globalPerSecond: undefined, endpointPerSecond: undefined };
    const documented = this.stripe.documentedRateLimits();
    return setting === 'documented' ? documented : { ...documented, ...setting };
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    const call: EmulatorCall = { method: request.method ?? 'GET', path: url.pathname + url.search, at: performance.now() };
    this.calls.push(call);
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
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const isConvergeGate = segments[0] === convergeGatePrefix;
    const provider: ProviderRoutes = isConvergeGate ? this.convergeGate : this.stripe;
    if (!isConvergeGate) response.setHeader('request-id', `req_${randomBytes(7).toString('hex')}`);
    if (request.method !== 'GET') {
      return sendAnswer(response, json(405, { error: { type: 'invalid_request_error', message: 'Method not allowed' } }));
    }
    const route = authorizes(request.headers.authorization, provider.secretKey)
      ? provider.route(isConvergeGate ? segments.slice(1) : segments, url.searchParams)
      : provider.unauthorized();
    if (route.faultKey !== undefined) this.moving.noticeRead(route.faultKey);
    if (!isConvergeGate && route.endpoint !== undefined) {
      // Counted when it arrived, as Stripe counts: latency added by the emulator is the network's.
      const over = this.stripeWindows.admit(route.endpoint, call.at);
      if (over) {
        call.rateLimited = over;
        const { status, body, headers } = this.stripe.rateLimitedAnswer(over);
        response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
        return;
      }
    }
    const fault = route.faultKey === undefined ? undefined : this.faults.take(route.faultKey);
    if (fault) return serveFault(response, fault, () => route.answer());
    sendAnswer(response, route.answer());
  }
}
