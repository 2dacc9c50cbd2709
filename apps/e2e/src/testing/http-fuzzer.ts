/** A small deterministic generator, so a failing fuzz run can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

const ROUTES = [
  '/api/health',
  '/api/config',
  '/api/metrics',
  '/api/forecast',
  '/api/alerts',
  '/api/resources',
  '/api/test-alert',
];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const NASTY = [
  '',
  ' ',
  '%00',
  'a%00b',
  '..%2F..%2Fetc%2Fpasswd',
  "' or 1=1 --",
  '<script>',
  '\u{1F4A5}',
  'x'.repeat(5_000),
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{}',
  'sim-01',
  'local-x',
];
const PARAMS = ['resource_id', 'range', 'limit', 'metric', 'since', 'offset', 'x'];
const VALUES = ['1h', '6h', '24h', '7d', '0', '500', '501', '-5', 'cpu', 'mem', ...NASTY];
const BODIES = [
  '',
  '{}',
  '{"requestedBy":"fuzz"}',
  '{"requestedBy":' + '"x"'.repeat(3) + '}',
  'not json',
  '[1,2,3]',
  '{"a":'.repeat(200),
  JSON.stringify({ requestedBy: 'y'.repeat(10_000) }),
];

export type FuzzRequest = { method: string; path: string; body?: string; headers: Record<string, string> };

/**
 * `count` requests mixing the real routes with random parameters, methods, headers and
 * bodies, and paths that exist nowhere.
 *
 * @example
 * for (const req of fuzzRequests(2000, 1)) await fetch(base + req.path, req);
 */
export function fuzzRequests(count: number, seed: number): FuzzRequest[] {
  const r = random(seed);
  return Array.from({ length: count }, () => {
    const method = r.pick(METHODS);
    const base =
      r.next() < 0.8 ? r.pick(ROUTES) : `/api/${encodeURIComponent(r.pick(NASTY))}/${Math.floor(r.next() * 1e6)}`;
    const query = Array.from(
      { length: Math.floor(r.next() * 4) },
      () => `${r.pick(PARAMS)}=${encodeURIComponent(r.pick(VALUES))}`,
    ).join('&');
    const headers: Record<string, string> = {};
    if (r.next() < 0.3)
      headers['content-type'] = r.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']);
    if (r.next() < 0.2) headers['authorization'] = r.pick(['Bearer wrong-token', 'Basic Zm9vOmJhcg==', 'Bearer ']);
    const body = method === 'GET' || method === 'HEAD' ? undefined : r.pick(BODIES);
    return { method, path: query ? `${base}?${query}` : base, headers, ...(body === undefined ? {} : { body }) };
  });
}
