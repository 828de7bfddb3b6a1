import { request as httpRequest } from 'node:http';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/harness.js';

describe('the HTTP server', () => {
  const harness = useHarness({ MAX_REQUEST_BODY_BYTES: '2048' });

  it('answers GET /health with 200', async () => {
    const response = await request(`${harness.subgraph.url}/health`);
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ status: 'ok' });
  });

  it('serves Apollo Sandbox to a browser opening /graphql', async () => {
    const response = await request(harness.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(await response.body.text()).toMatch(/sandbox/i);
  });

  it('lets the hosted Apollo Sandbox call it across origins', async () => {
    const origin = 'https://studio.apollographql.com';
    const preflight = await request(harness.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    await preflight.body.dump();
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('content-type');

    const response = await request(harness.graphqlUrl, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers['access-control-allow-origin']).toBe(origin);
    expect(await response.body.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('does not grant CORS to other origins', async () => {
    const response = await request(harness.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    await response.body.dump();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a request body over the limit with 413', async () => {
    const response = await request(harness.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(4096) }),
    });
    expect(response.statusCode).toBe(413);
    expect(((await response.body.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(/2048 bytes/);
  });

  it('answers a body that is not JSON with 400 and a clear message', async () => {
    const response = await request(harness.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.statusCode).toBe(400);
    expect(await response.body.text()).toContain('not valid JSON');
  });

  it.each(['//x/metrics', '//graphql', '//subgraph.invalid/health'])('reads %s as a path, not as a host and a path: 404', async (path) => {
    const { hostname, port } = new URL(harness.subgraph.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const sent = httpRequest({ host: hostname, port, path, method: 'GET' }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      sent.on('error', reject);
      sent.end();
    });
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('payments_subgraph');
  });

  it('answers unknown paths with 404', async () => {
    const response = await request(`${harness.subgraph.url}/v1/checkout/sessions/x`);
    expect(response.statusCode).toBe(404);
    await response.body.dump();
  });
});
