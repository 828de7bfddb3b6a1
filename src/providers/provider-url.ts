/**
 * Appends path segments to a base URL that may carry a path of its own
 * (`https://pay.example.com/gateway` + `v1`, `sessions`). Each segment is encoded on its
 * own, so an id can never add a segment, a query or a fragment.
 */
export function providerUrl(base: string, segments: readonly string[], query?: Record<string, string>): URL {
  const url = new URL(base);
  const basePath = url.pathname.replace(/\/+$/, '');
  url.pathname = `${basePath}/${segments.map(encodeURIComponent).join('/')}`;
  url.search = query ? new URLSearchParams(query).toString() : '';
  url.hash = '';
  return url;
}

export function basicAuthorization(secretKey: string): string {
  return `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`;
}
