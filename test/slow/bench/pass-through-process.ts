import { createServer } from 'node:http';
import { Pool } from 'undici';
import { basicAuthorization } from '../../../src/providers/http/basic-authorization.js';
import { answerUpstreamFailure, serveForwarderToBenchParent } from './bench-child.js';

/**
 * The floor the subgraph is measured against: forwards `GET /v1/checkout/sessions/<id>`
 * to the provider over the same kind of keep-alive undici pool, and sends the body back
 * untouched. No GraphQL, no validation, no mapping.
 */
const providerUrl = new URL(process.env.STRIPE_API_URL ?? '');
const authorization = basicAuthorization(process.env.STRIPE_SECRET_KEY ?? '');
const pool = new Pool(providerUrl.origin, { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 });

const server = createServer((request, response) => {
  pool
    .request({ method: 'GET', path: request.url ?? '/', headers: { accept: 'application/json', authorization } })
    .then(async ({ statusCode, body }) => {
      const text = await body.text();
      response.writeHead(statusCode, { 'content-type': 'application/json' }).end(text);
    })
    .catch(() => answerUpstreamFailure(response));
});
await serveForwarderToBenchParent(server, [pool]);
