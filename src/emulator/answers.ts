import type { ServerResponse } from 'node:http';
import type { NormalAnswer } from '../providers/emulated-provider.js';

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
