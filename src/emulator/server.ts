import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stripeSessions } from './data/stripe-sessions.js';
import { FaultPlan, serveFault, type EmulatorFault, type FaultOptions, type NormalAnswer } from './faults.js';

export type { EmulatorFault, FaultOptions } from './faults.js';

export interface EmulatorCall {
  method: string;
  path: string;
}

export interface ProviderEmulatorOptions {
  port?: number;
  /** Added before every answer, to stand in for a real provider's round trip. */
  latencyMs?: number;
  stripeSecretKey?: string;
}

type WireObject = Record<string, unknown> & { id: string };

/**
 * A stand-in for the payment providers over real HTTP on loopback: it serves their
 * paths and error bodies, checks the key, counts the calls it gets and can be told to
 * misbehave. Sandbox mode and the tests both run against it.
 */
export class ProviderEmulator {
  readonly stripeSecretKey: string;
  readonly calls: EmulatorCall[] = [];
  /** Most requests it has held open at once since the last `resetCalls()`. */
  peakInFlight = 0;
  private inFlight = 0;
  private readonly stripeSessions = new Map<string, WireObject>();
  private readonly faults = new FaultPlan();
  private readonly server = createServer((request, response) => this.handle(request, response));
  private readonly latencyMs: number;

  private constructor(options: ProviderEmulatorOptions) {
    this.stripeSecretKey = options.stripeSecretKey ?? `sk_test_emulator${randomBytes(8).toString('hex')}`;
    this.latencyMs = options.latencyMs ?? 0;
    for (const session of stripeSessions) this.stripeSessions.set(session.id, structuredClone(session));
  }

  static async start(options: ProviderEmulatorOptions = {}): Promise<ProviderEmulator> {
    const emulator = new ProviderEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once('error', reject);
      emulator.server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    return emulator;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
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
    this.stripeSessions.set(session.id, session);
  }

  /** Makes calls for this session misbehave: every time, or `times` times and then answer normally. */
  injectFault(id: string, fault: EmulatorFault, options?: FaultOptions): void {
    this.faults.inject(id, fault, options);
  }

  /** Makes this share (0..1) of calls for sessions without a fault of their own misbehave, evenly spread. */
  injectFaultForShare(share: number, fault: EmulatorFault): void {
    this.faults.injectForShare(share, fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    this.calls.push({ method: request.method ?? 'GET', path: url.pathname + url.search });
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    response.once('close', () => {
      this.inFlight -= 1;
    });
    response.setHeader('request-id', `req_${randomBytes(7).toString('hex')}`);
    const answer = () => this.answer(request, response, url);
    if (this.latencyMs > 0) setTimeout(answer, this.latencyMs);
    else answer();
  }

  private answer(request: IncomingMessage, response: ServerResponse, url: URL): void {
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (request.method !== 'GET') return sendStripeError(response, 405, 'invalid_request_error', 'Method not allowed');
    if (!this.authorized(request.headers.authorization)) {
      return sendStripeError(response, 401, 'invalid_request_error', 'Invalid API Key provided');
    }
    const [v1, checkout, sessions, id, ...rest] = segments;
    if (v1 !== 'v1' || checkout !== 'checkout' || sessions !== 'sessions' || id === undefined || rest.length > 0) {
      return sendStripeError(response, 404, 'invalid_request_error', `Unrecognized request URL (GET: ${url.pathname})`);
    }
    const fault = this.faults.take(id);
    if (fault) return serveFault(response, fault, () => this.stripeSessionAnswer(id));
    const { status, body } = this.stripeSessionAnswer(id);
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  }

  private stripeSessionAnswer(id: string): NormalAnswer {
    const session = this.stripeSessions.get(id);
    if (!session) {
      return stripeError(404, 'invalid_request_error', `No such checkout.session: '${id}'`, 'resource_missing');
    }
    return { status: 200, body: JSON.stringify(session) };
  }

  private authorized(header: string | undefined): boolean {
    if (header === undefined) return false;
    const [scheme, credentials = ''] = header.split(' ');
    if (scheme === 'Bearer') return credentials === this.stripeSecretKey;
    if (scheme === 'Basic') return Buffer.from(credentials, 'base64').toString('utf8') === `${this.stripeSecretKey}:`;
    return false;
  }
}

function stripeError(status: number, type: string, message: string, code?: string): NormalAnswer {
  return { status, body: JSON.stringify({ error: { type, message, ...(code ? { code } : {}) } }) };
}

function sendStripeError(response: ServerResponse, status: number, type: string, message: string, code?: string): void {
  sendJson(response, status, { error: { type, message, ...(code ? { code } : {}) } });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
