/** Query parameters; a list repeats its name once per value (`expand[]=a&expand[]=b`). */
export type ProviderQuery = Record<string, string | readonly string[]>;

/**
 * Appends path segments to a base URL that may carry a path of its own
 * (`https://pay.example.com/gateway` + `v1`, `sessions`). Each segment is encoded on its
 * own, so an id can never add a segment, a query or a fragment.
 */
export function providerUrl(base: string, segments: readonly string[], query?: ProviderQuery): URL {
  const url = new URL(base);
  const basePath = url.pathname.replace(/\/+$/, '');
  url.pathname = `${basePath}/${segments.map(encodeURIComponent).join('/')}`;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const one of typeof value === 'string' ? [value] : value) params.append(name, one);
  }
  url.search = params.toString();
  url.hash = '';
  return url;
}

/** A provider path: its template with ids as placeholders, as metrics and traces name it, and its segments. */
export interface ProviderPath {
  template: string;
  segments: string[];
}

/** `providerPath('/v1/checkout/sessions/{id}', { id })`: the template's placeholders filled with the ids. */
export function providerPath(template: string, ids: Record<string, string> = {}): ProviderPath {
  const segments = template
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => (segment.startsWith('{') ? (ids[segment.slice(1, -1)] ?? segment) : segment));
  return { template, segments };
}
