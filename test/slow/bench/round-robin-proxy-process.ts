import { createServer, type IncomingMessage } from 'node:http';
import { Pool } from 'undici';
import { answerUpstreamFailure, serveForwarderToBenchParent } from './bench-child.js';

/**
 * What sits in front of replicas in a deployment, at its simplest: each request goes to
 * the next of `BENCH_UPSTREAMS` (comma-separated base URLs) in turn, body and answer
 * passed through untouched.
 */
const upstreams = (process.env.BENCH_UPSTREAMS ?? '')
  .split(',')
  .filter((url) => url !== '')
  // No cap on connections: a request waiting for its turn under the rate limit must not hold up
  // the cache hits behind it, as a capped pool would (the load generator is uncapped too).
  .map((url) => new Pool(new URL(url).origin, { connections: null, pipelining: 1, keepAliveTimeout: 30_000 }));
if (upstreams.length === 0) throw new Error('BENCH_UPSTREAMS names no upstream');
let next = 0;

const server = createServer((request, response) => {
  const upstream = upstreams[next++ % upstreams.length]!;
  readBody(request)
    .then((body) =>
      upstream.request({
        method: request.method === 'POST' ? 'POST' : 'GET',
        path: request.url ?? '/',
        headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
        body,
      }),
    )
    .then(async ({ statusCode, headers, body }) => {
      const text = await body.text();
      response.writeHead(statusCode, { 'content-type': String(headers['content-type'] ?? 'application/json') }).end(text);
    })
    .catch(() => answerUpstreamFailure(response));
});
await serveForwarderToBenchParent(server, upstreams);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
