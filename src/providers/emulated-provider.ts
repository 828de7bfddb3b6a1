/**
 * What the provider emulator (`src/emulator/`) serves of one provider, declared by the
 * provider's folder (`<key>/emulator/`): its paths, error bodies and example sessions, its
 * sessions that change on their own, and how its webhooks are signed. The emulator's own
 * parts (call counting, faults, rate windows, the webhook sender) know no provider by name.
 */
export interface EmulatedProvider {
  /** The first path segment it is served under, its base URL being the emulator's and this; undefined: at the emulator's root. */
  readonly pathPrefix: string | undefined;
  /** Its routes over a fresh copy of its example sessions. */
  createRoutes(account: EmulatedAccount): EmulatedRoutes;
  /** The secret its webhooks are signed with unless the subgraph is given one: its key, or a secret of the emulator's own. */
  webhookSecretFor(secretKey: string): string;
  /** Its sessions that move on their own, open until an hour after `nowSeconds` (the emulator's start). */
  movingSessions(nowSeconds: number): MovingSession[];
  /** A webhook event's `data.object` about a session whose wire body is this. */
  eventObject(session: WireObject): Record<string, unknown>;
  /** The headers that sign a webhook body as the provider signs it. */
  signatureHeaders(secret: string, timestampSeconds: number, body: string): Record<string, string>;
  /** What sandbox mode's banner suggests trying on its sessions, each printed as a `curl` command. */
  readonly examples: { queries: readonly string[]; subscriptions: readonly string[] };
}

export interface EmulatedAccount {
  /** The key every request to this provider must carry. */
  secretKey: string;
  /** Largest page of a list it answers, whatever the request asks for. */
  maxListPageSize: number;
}

export type WireObject = Record<string, unknown> & { id: string };

export interface NormalAnswer {
  status: number;
  body: string;
}

/** A request a provider's routes recognised, answered unless a fault is injected under its key. */
export interface EmulatorRoute {
  /** The id a fault for this request is injected under; undefined when none can be. */
  faultKey: string | undefined;
  /** The endpoint the provider counts the request against (`/v1/checkout/sessions/{id}`); undefined for a path it does not serve. */
  endpoint?: string | undefined;
  /** Headers its answer carries, whatever the answer (the request's id). */
  headers?: Record<string, string>;
  answer(): NormalAnswer;
  /** Its answer when it is over one of the rate limits its provider documents; absent for a provider that documents none. */
  overRateLimit?(reason: RateLimitedReason): NormalAnswer & { headers: Record<string, string> };
}

/** Calls per second the emulator answers before it answers 429; an undefined limit is not enforced. */
export interface EmulatorRateLimits {
  globalPerSecond: number | undefined;
  endpointPerSecond: number | undefined;
}

/** Which limit a call was over, in `Stripe-Rate-Limited-Reason`'s words. */
export type RateLimitedReason = 'endpoint-rate' | 'global-rate';

/** One provider's paths, relative to where the emulator serves that provider. */
export interface EmulatedRoutes {
  /** The key every request to this provider must carry. */
  readonly secretKey: string;
  route(segments: readonly string[], query: URLSearchParams): EmulatorRoute;
  /** The answer for a request without a valid key. */
  unauthorized(): EmulatorRoute;
  /** Serves this wire body under the id it is requested by; the body's own id may differ. */
  putSession(id: string, session: Record<string, unknown>): void;
  /** Serves another object of the provider's (a payment, a refund...) where its paths and expansions find it; absent for a provider with none. */
  putObject?(object: WireObject): void;
  /** The rate limits it documents, which the emulator enforces by endpoint; absent when it documents none. */
  readonly rateLimits?: { documented(): EmulatorRateLimits };
}

/** A session that changes once, as the provider would report it before and after, and the webhook event it then sends. */
export interface MovingSession {
  id: string;
  before: WireObject;
  after: WireObject;
  /** The event's type, as the provider names it. */
  eventType: string;
  /** Other objects of the provider's that move with it (its payment), before and after. */
  objects?: { before: readonly WireObject[]; after: readonly WireObject[] };
}

export function answering(faultKey: string | undefined, answer: () => NormalAnswer, endpoint?: string): EmulatorRoute {
  return { faultKey, answer, endpoint };
}

export function json(status: number, body: unknown): NormalAnswer {
  return { status, body: JSON.stringify(body) };
}
