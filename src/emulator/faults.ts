import type { ServerResponse } from 'node:http';
import type { NormalAnswer } from '../providers/emulated-provider.js';

/** What the emulator does instead of answering normally. */
export type EmulatorFault =
  /** This status, with a Stripe-shaped `api_error` body unless one is given. */
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  /** This body (e.g. an HTML page, malformed JSON, JSON that is not a session) with 200. */
  | { kind: 'body'; body: string; contentType?: string }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Drops the connection without a word. */
  | { kind: 'reset' }
  /** A well-formed JSON body of about this many bytes. */
  | { kind: 'oversized'; bytes: number }
  /** The normal answer, a few bytes at a time with pauses between them. */
  | { kind: 'trickle'; intervalMs: number; chunkBytes?: number }
  /** The normal answer cut off halfway, properly framed: HTTP is fine, the JSON is not. */
  | { kind: 'truncated' }
  /** The normal answer, late. */
  | { kind: 'delay'; ms: number };

export interface FaultOptions {
  /** Misbehave this many times, then answer normally ("fail twice then succeed"). Unset: every time. */
  times?: number;
}

interface FaultRule {
  fault: EmulatorFault;
  remaining: number;
}

interface ShareRule {
  fault: EmulatorFault;
  share: number;
  seen: number;
  /** Sessions whose last call was faulted by this rule. */
  justFaulted: Set<string>;
}

/**
 * Which calls misbehave: faults for given session ids (checked first), and a fault for a
 * share of all other calls, spread evenly and deterministically (a share of 0.25 hits
 * every fourth call), so a test can count exactly what it expects. Below a share of 1, a
 * session's call after a faulted one always gets through, so one retry is always enough.
 */
export class FaultPlan {
  private readonly byId = new Map<string, FaultRule>();
  private shareRule: ShareRule | undefined;

  inject(id: string, fault: EmulatorFault, options: FaultOptions = {}): void {
    this.byId.set(id, { fault, remaining: options.times ?? Number.POSITIVE_INFINITY });
  }

  injectForShare(share: number, fault: EmulatorFault): void {
    if (!(share >= 0 && share <= 1)) throw new RangeError(`share must be between 0 and 1, got ${share}`);
    this.shareRule = { fault, share, seen: 0, justFaulted: new Set() };
  }

  clear(): void {
    this.byId.clear();
    this.shareRule = undefined;
  }

  /** The fault this call to the session must suffer, if any; counts it as used. */
  take(id: string): EmulatorFault | undefined {
    const rule = this.byId.get(id);
    if (rule) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.byId.delete(id);
      return rule.fault;
    }
    const share = this.shareRule;
    if (!share) return undefined;
    if (share.share < 1 && share.justFaulted.delete(id)) return undefined;
    const before = Math.floor(share.seen * share.share);
    share.seen += 1;
    if (Math.floor(share.seen * share.share) === before) return undefined;
    share.justFaulted.add(id);
    return share.fault;
  }
}

/** Answers with the fault; `normal` is what the emulator would have said. */
export function serveFault(response: ServerResponse, fault: EmulatorFault, normal: () => NormalAnswer): void {
  switch (fault.kind) {
    case 'status':
      response.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      response.end(fault.body ?? JSON.stringify({ error: { type: 'api_error', message: 'Emulated failure' } }));
      return;
    case 'body':
      response.writeHead(200, { 'content-type': fault.contentType ?? 'application/json' }).end(fault.body);
      return;
    case 'hang':
      return;
    case 'reset':
      response.socket?.resetAndDestroy();
      return;
    case 'oversized': {
      const filler = 'x'.repeat(Math.max(0, fault.bytes - 64));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'cs_test_oversized', object: 'checkout.session', filler }));
      return;
    }
    case 'truncated': {
      const { status, body } = normal();
      response.writeHead(status, { 'content-type': 'application/json' }).end(body.slice(0, Math.floor(body.length / 2)));
      return;
    }
    case 'trickle':
      trickle(response, normal(), fault.intervalMs, fault.chunkBytes ?? 1);
      return;
    case 'delay': {
      const { status, body } = normal();
      const timer = setTimeout(() => response.writeHead(status, { 'content-type': 'application/json' }).end(body), fault.ms);
      response.once('close', () => clearTimeout(timer));
      return;
    }
  }
}

function trickle(response: ServerResponse, answer: NormalAnswer, intervalMs: number, chunkBytes: number): void {
  const body = Buffer.from(answer.body);
  response.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': body.length });
  let offset = 0;
  const timer = setInterval(() => {
    if (response.destroyed || offset >= body.length) {
      clearInterval(timer);
      if (!response.destroyed) response.end();
      return;
    }
    response.write(body.subarray(offset, offset + chunkBytes));
    offset += chunkBytes;
  }, intervalMs);
  response.once('close', () => clearInterval(timer));
}
