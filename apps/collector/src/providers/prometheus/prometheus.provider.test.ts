import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCounters } from '@autoscale/observability';
import { startTestServer } from '@autoscale/testing';
import type { TestRequest, TestResponse, TestServer } from '@autoscale/testing';
import { captureLogger } from '@autoscale/testing';
import { createPrometheusClient } from './prometheus.client';
import type { PrometheusAuth } from './prometheus.client';
import { presetQueries } from './prometheus-presets';
import { createPrometheusProvider } from './prometheus.provider';

const T0 = Date.parse('2024-05-01T10:00:00Z');
const queries = presetQueries({ preset: 'node', window: '1m' });

/** A range answer with one point per step for each series `values(query)` names. */
function matrix(
  req: TestRequest,
  values: (query: string) => Array<{ metric: Record<string, string>; value: string }>,
): TestResponse {
  const start = Number(req.url.searchParams.get('start'));
  const end = Number(req.url.searchParams.get('end'));
  const step = Number.parseFloat(req.url.searchParams.get('step') ?? '1');
  const times: number[] = [];
  for (let t = start; t <= end; t += step) times.push(t);
  const result = values(req.url.searchParams.get('query') ?? '').map((s) => ({
    metric: s.metric,
    values: times.map((t) => [t, s.value]),
  }));
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }),
  };
}

const isCpu = (q: string) => q.includes('node_cpu_seconds_total');

describe('prometheus provider', () => {
  const servers: TestServer[] = [];
  const logs = captureLogger();
  const counters = createCounters();

  beforeEach(() => {
    logs.lines.length = 0;
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function server(handle: (req: TestRequest) => TestResponse) {
    const s = await startTestServer(handle);
    servers.push(s);
    return s;
  }

  const provider = (urls: string[], auth: PrometheusAuth = { kind: 'none' }) =>
    createPrometheusProvider({
      client: createPrometheusClient({ urls, auth, log: logs.log }),
      queries,
      intervalMs: 60_000,
      log: logs.log,
      counters,
    });

  it('publishes CPU and memory per instance with the series labels, CPU alone where memory is missing', async () => {
    const prom = await server((req) =>
      matrix(req, (q) =>
        isCpu(q)
          ? [
              { metric: { instance: 'web-1:9100' }, value: '37.5' },
              { metric: { instance: 'db-1:9100' }, value: '12' },
            ]
          : [{ metric: { instance: 'web-1:9100', job: 'node', env: 'prod' }, value: '61.234' }],
      ),
    );
    const samples = await provider([prom.url]).poll(new Date(T0 + 30_000));
    expect(samples).toEqual([
      {
        resourceId: 'web-1:9100',
        ts: new Date(T0),
        metrics: { cpu: 37.5, mem: 61.23 },
        labels: { instance: 'web-1:9100', job: 'node', env: 'prod' },
      },
      { resourceId: 'db-1:9100', ts: new Date(T0), metrics: { cpu: 12 }, labels: { instance: 'db-1:9100' } },
    ]);
  });

  it('skips NaN and infinite values and counts them, inventing nothing', async () => {
    const prom = await server((req) =>
      matrix(req, (q) => [{ metric: { instance: 'web-1:9100' }, value: isCpu(q) ? 'NaN' : '+Inf' }]),
    );
    const before = counters.get('prometheus_invalid_points');
    expect(await provider([prom.url]).poll(new Date(T0))).toEqual([]);
    expect(counters.get('prometheus_invalid_points') - before).toBe(2);
    expect(logs.at('warn').map((l) => l.msg)).toContain(
      'Prometheus returned NaN or infinite values; those points are skipped',
    );
  });

  it('tries the next server when one answers 503 or status "error", and sends the bearer token', async () => {
    const overloaded = await server(() => ({ status: 503, body: '<html>Service Unavailable</html>' }));
    const failing = await server(() => ({
      status: 422,
      body: JSON.stringify({ status: 'error', errorType: 'execution', error: 'query timed out' }),
    }));
    const tokens: Array<string | undefined> = [];
    const healthy = await server((req) => {
      tokens.push(req.headers.authorization);
      return matrix(req, () => [{ metric: { instance: 'web-1:9100' }, value: '50' }]);
    });
    const samples = await provider([overloaded.url, failing.url, healthy.url], {
      kind: 'bearer',
      token: 's3cr3t-token',
    }).poll(new Date(T0));
    expect(samples.map((s) => s.metrics)).toEqual([{ cpu: 50, mem: 50 }]);
    expect(tokens).toEqual(['Bearer s3cr3t-token', 'Bearer s3cr3t-token']);
    const reasons = logs.at('warn').flatMap((l) => (l['failed'] as string[] | undefined) ?? []);
    expect(reasons.some((r) => r.includes('HTTP 503, not JSON'))).toBe(true);
    expect(reasons.some((r) => r.includes('execution: query timed out'))).toBe(true);
    expect(JSON.stringify(logs.lines)).not.toContain('s3cr3t-token');
  });

  it('fails the poll when no server answers, then re-reads the missed steps once one does', async () => {
    let down = false;
    const prom = await server((req) =>
      down
        ? { status: 503, body: '{"status":"error","errorType":"unavailable","error":"overloaded"}' }
        : matrix(req, () => [{ metric: { instance: 'web-1:9100' }, value: '40' }]),
    );
    const source = provider([prom.url]);
    expect(await source.poll(new Date(T0))).toHaveLength(1);
    down = true;
    const failures = counters.get('prometheus_query_failures');
    await expect(source.poll(new Date(T0 + 60_000))).rejects.toThrow(/no Prometheus server answered/);
    await expect(source.poll(new Date(T0 + 120_000))).rejects.toThrow(/unavailable: overloaded/);
    expect(counters.get('prometheus_query_failures') - failures).toBe(2);
    down = false;
    const refilled = await source.poll(new Date(T0 + 180_000));
    expect(refilled.map((s) => s.ts.getTime() - T0)).toEqual([60_000, 120_000, 180_000]);
    expect(await source.poll(new Date(T0 + 240_000))).toHaveLength(1);
  });
});
