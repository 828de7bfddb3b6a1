import type { ServerResponse } from 'node:http';

/** What the emulator does instead of answering normally, for one id. */
export type EmulatorFault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'body'; body: string; contentType?: string }
  | { kind: 'hang' };

export function applyFault(response: ServerResponse, fault: EmulatorFault): void {
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
  }
}
