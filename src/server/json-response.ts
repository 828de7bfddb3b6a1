import type { ServerResponse } from 'node:http';

/** Answers `body` as JSON with `status`: the subgraph's own answers outside GraphQL (probes, errors, webhooks). */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
