import type { ServerResponse } from 'node:http';
import type { NormalAnswer } from './faults.js';

export type { NormalAnswer } from './faults.js';

export type WireObject = Record<string, unknown> & { id: string };

/** A request a provider's routes recognised, answered unless a fault is injected under its key. */
export interface EmulatorRoute {
  /** The id a fault for this request is injected under; undefined when none can be. */
  faultKey: string | undefined;
  /** The endpoint the provider counts the request against (`/v1/checkout/sessions/{id}`); undefined for a path it does not serve. */
  endpoint?: string | undefined;
  answer(): NormalAnswer;
}

/** One provider's paths, relative to where the emulator serves that provider. */
export interface ProviderRoutes {
  /** The key every request to this provider must carry. */
  readonly secretKey: string;
  route(segments: readonly string[], query: URLSearchParams): EmulatorRoute;
  /** The answer for a request without a valid key. */
  unauthorized(): EmulatorRoute;
}

export function answering(faultKey: string | undefined, answer: () => NormalAnswer, endpoint?: string): EmulatorRoute {
  return { faultKey, answer, endpoint };
}

export function json(status: number, body: unknown): NormalAnswer {
  return { status, body: JSON.stringify(body) };
}

export function sendAnswer(response: ServerResponse, answer: NormalAnswer): void {
  response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
}

/** HTTP Basic with the key as user name and an empty password, or Bearer with the key. */
export function authorizes(header: string | undefined, secretKey: string): boolean {
  if (header === undefined) return false;
  const [scheme, credentials = ''] = header.split(' ');
  if (scheme === 'Bearer') return credentials === secretKey;
  if (scheme === 'Basic') return Buffer.from(credentials, 'base64').toString('utf8') === `${secretKey}:`;
  return false;
}
