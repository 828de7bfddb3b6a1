import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { RequestTally } from '../request-tally.js';
import type { GraphQLRoute } from '../server/http-server.js';
import { readRequestBody, type RequestBodies } from '../server/request-bodies.js';
import type { RequestContext } from './context.js';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<RequestContext>;
  createContext: (request: RequestTally) => RequestContext;
  /** Reads POST bodies; the webhooks share it, so the cap on bodies read at once covers both. */
  bodies: RequestBodies;
}

/** `/graphql`'s queries and mutations: handed to Apollo Server, and its answer written back. */
export function createGraphQLRoute({ apollo, createContext, bodies }: GraphQLRouteOptions): GraphQLRoute {
  return async (request, response, search, tally) => {
    const headers = headerMapOf(request);
    const body = request.method === 'POST' ? await readRequestBody(request, bodies) : undefined;
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search, body },
      context: async () => createContext(tally),
    });
    await writeGraphQLResponse(response, result);
  };
}

function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function writeGraphQLResponse(response: ServerResponse, result: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}
