import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Logger } from '@autoscale/observability';
import { PrometheusAnswer, seriesOf } from './prometheus-answer.schema';
import type { PromSeries } from './prometheus-answer.schema';

/*
 * Plain node:http(s) rather than the `prometheus-query` package: that client brings axios
 * (a second HTTP stack, its own proxy and TLS handling) for two GET endpoints, returns its
 * own objects without checking the answer (a NaN or a proxy's HTML page would pass through),
 * and has no notion of several servers tried in order. node:https takes the CA directly;
 * the global fetch would need undici's Agent (not a dependency) to trust a private CA.
 */

export type PrometheusAuth =
  { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };

export type PrometheusClientOptions = {
  /** Base URLs (`http://prometheus:9090`, or with a path prefix), tried in order on each query. */
  urls: readonly string[];
  auth: PrometheusAuth;
  /** PEM text of the CA that signed the servers' certificates; the system's CAs when absent. */
  ca?: string | undefined;
  timeoutMs?: number;
  log: Logger;
};

/** A query no server answered usably; `reason` says why for each server tried. */
export class PrometheusQueryError extends Error {
  override name = 'PrometheusQueryError';
}

export type RangeQuery = { start: number; end: number; stepSec: number };

/**
 * Runs PromQL against the first server that answers: `instant(query, atMs)` and
 * `range(query, { start, end, stepSec })`. A server that is down, overloaded (503) or
 * answers something other than a valid success is skipped for the next one (and logged); when
 * none succeeds, the query throws {@link PrometheusQueryError}.
 *
 * @example
 * const prom = createPrometheusClient({ urls: ['http://127.0.0.1:9090'], auth: { kind: 'none' }, log });
 * await prom.instant('up', Date.now()); // [{ metric: { job: 'node', instance: '…' }, points: [[…, '1']] }]
 */
export function createPrometheusClient(opts: PrometheusClientOptions) {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const authorization = authorizationHeader(opts.auth);

  async function ask(path: string, params: Record<string, string>): Promise<PromSeries[]> {
    const problems: string[] = [];
    for (const base of opts.urls) {
      const url = new URL(`${base.replace(/\/+$/, '')}${path}`);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      try {
        const series = await askOne(url);
        // Said only when another server answered: when none did, the thrown error says it all.
        if (problems.length > 0)
          opts.log.warn({ path, failed: problems }, 'Prometheus query failed on a server; the next one answered');
        return series;
      } catch (error) {
        problems.push(`${url.origin}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    throw new PrometheusQueryError(`no Prometheus server answered ${path}: ${problems.join('; ')}`);
  }

  async function askOne(url: URL): Promise<PromSeries[]> {
    const { status, body } = await get(url, { authorization, ca: opts.ca, timeoutMs });
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new Error(`HTTP ${status}, not JSON: ${body.slice(0, 120)}`);
    }
    const parsed = PrometheusAnswer.safeParse(json);
    if (!parsed.success)
      throw new Error(`HTTP ${status}, not a Prometheus answer: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    if (parsed.data.status === 'error')
      throw new Error(`HTTP ${status}, ${parsed.data.errorType}: ${parsed.data.error}`);
    if (status >= 300) throw new Error(`HTTP ${status}`);
    return seriesOf(parsed.data.data);
  }

  return {
    instant: (query: string, atMs: number) => ask('/api/v1/query', { query, time: String(atMs / 1000) }),
    range: (query: string, r: RangeQuery) =>
      ask('/api/v1/query_range', {
        query,
        start: String(r.start / 1000),
        end: String(r.end / 1000),
        step: `${r.stepSec}s`,
      }),
  };
}

export type PrometheusClient = ReturnType<typeof createPrometheusClient>;

function authorizationHeader(auth: PrometheusAuth): string | undefined {
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return undefined;
}

/** One GET; the credentials of a `user:pass@` URL become basic auth, as browsers do. */
function get(url: URL, o: { authorization: string | undefined; ca: string | undefined; timeoutMs: number }) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (o.authorization) headers['authorization'] = o.authorization;
  else if (url.username)
    headers['authorization'] =
      `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  const target = new URL(url);
  target.username = '';
  target.password = '';
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      target,
      { method: 'GET', headers, timeout: o.timeoutMs, ...(o.ca ? { ca: o.ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${o.timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
