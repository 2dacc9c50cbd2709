import autocannon from 'autocannon';
import { findResource, latestForecasts, listMetrics, warmingUpResources } from '@autoscale/db';
import type { BenchEnvironment } from './environment.bench';
import { benchEnvironment } from './environment.bench';
import type { BenchRow } from './report';
import { startGateway, stopBuilt } from './services.bench';
import { summarise, waitUntil } from './stats';

const RESOURCES = 1_000;
const CONNECTIONS = 50;
const SECONDS = 5;

type Dataset = { label: string; samples: number; everyMin: number };
const DATASETS: Dataset[] = [
  { label: '1 day × 1-min', samples: 1_440, everyMin: 1 },
  { label: '1 week × 5-min', samples: 2_016, everyMin: 5 },
];

/** Loads the dataset with generate_series, as the projection would have left it, then VACUUM ANALYZE. */
async function load(env: BenchEnvironment, dataset: Dataset) {
  await env.sql`truncate metrics, resources, forecasts, alerts`;
  await env.sql`
    insert into metrics (resource_id, ts, provider, cpu, mem)
    select 'res-' || lpad(r::text, 4, '0'), date_trunc('minute', now()) - i * make_interval(mins => ${dataset.everyMin}::int),
      'bench', 50 + 30 * sin(i / 60.0 + r), 40 + 20 * cos(i / 90.0 + r)
    from generate_series(0, ${RESOURCES - 1}::int) r, generate_series(0, ${dataset.samples - 1}::int) i`;
  await env.sql`
    insert into resources (resource_id, provider, first_seen, last_seen, cpu, mem, memory_available, samples)
    select resource_id, 'bench', min(ts), max(ts), avg(cpu), avg(mem), true, count(*) from metrics group by resource_id`;
  await env.sql`
    insert into forecasts (resource_id, metric, generated_at, model, threshold, current, slope_per_min, breach_at,
      breach_in_min, interval_earliest, interval_latest, points, samples)
    select r.resource_id, m.metric, now(), 'holt', 90, 50, 0.1, null, null, null, null,
      (select jsonb_agg(jsonb_build_object('ts', now() + k * interval '10 minutes', 'value', 50 + k, 'lo', 40 + k, 'hi', 60 + k))
       from generate_series(1, 12) k),
      288
    from resources r, (values ('cpu'), ('mem')) m(metric)`;
  await env.sql`
    insert into alerts (key, id, resource_id, metric, kind, severity, breach_at, message, fired_at, deliveries)
    select 'a-' || n || ':forecast', 'a-' || n, 'res-' || lpad((n % ${RESOURCES}::int)::text, 4, '0'), 'cpu', 'forecast',
      'warning', now(), 'CPU forecast to cross 90 % within 60 min', now() - n * interval '1 minute',
      '[{"channel":"slack","ok":true,"at":"2026-01-01T00:00:00.000Z"}]'::jsonb
    from generate_series(1, 5000) n`;
  await env.sql.unsafe('vacuum analyze metrics, resources, forecasts, alerts');
  const [{ n } = { n: 0 }] = await env.sql<Array<{ n: number }>>`select count(*)::int as n from metrics`;
  return n;
}

type Endpoint = { name: string; path: (i: number) => string; targetP99Ms?: number };
const pad = (i: number) => String(i % RESOURCES).padStart(4, '0');
const ENDPOINTS: Endpoint[] = [
  {
    name: '/api/metrics?range=24h',
    path: (i) => `/api/metrics?range=24h&resource_id=res-${pad(i * 7919)}`,
    targetP99Ms: 20,
  },
  { name: '/api/forecast', path: () => '/api/forecast', targetP99Ms: 10 },
  { name: '/api/forecast?resource_id=', path: (i) => `/api/forecast?resource_id=res-${pad(i * 7919)}` },
  { name: '/api/alerts', path: () => '/api/alerts' },
  { name: '/api/resources', path: () => '/api/resources' },
];
/** No database behind it: the HTTP floor of this gateway on this machine, in the same run. */
const FLOOR: Endpoint = { name: '/api/config', path: () => '/api/config' };

async function hammer(base: string, endpoint: Endpoint) {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: endpoint.path(i++) }) }],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * The database reads behind an endpoint, called directly (no HTTP, no JSON) one at a time:
 * what the machine allows the endpoint in this very run.
 */
async function queriesAlone(env: BenchEnvironment, endpoint: Endpoint, count = 100) {
  const reads: Record<string, (i: number) => Promise<unknown>> = {
    '/api/metrics?range=24h': async (i) => {
      const resource = await findResource(env.db, `res-${pad(i * 7919)}`);
      if (!resource) throw new Error('resource missing');
      const since = new Date(Date.parse(resource.lastSeen) - 86_400_000);
      return listMetrics(env.db, { resourceId: resource.resourceId, since, stepSeconds: 240 });
    },
    '/api/forecast': () => Promise.all([latestForecasts(env.db, { points: false }), warmingUpResources(env.db)]),
  };
  const read = reads[endpoint.name];
  if (!read) return null;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await read(i);
    times.push(performance.now() - started);
  }
  return summarise(times);
}

/** Requests sent, not timed, before the timed ones: the JIT and the first reads are warm. */
const WARM_UP = 10;

/** One client, one request at a time: the latency a dashboard sees on an idle gateway. */
async function sequential(base: string, endpoint: Endpoint, count = 100) {
  for (let i = 0; i < WARM_UP; i++) await (await fetch(`${base}${endpoint.path(i)}`)).arrayBuffer();
  const times: number[] = [];
  let size = 0;
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${endpoint.path(i)}`);
    const body = await res.arrayBuffer();
    times.push(performance.now() - started);
    size = body.byteLength;
    if (!res.ok) failed++;
  }
  return { ...summarise(times), size, failed };
}

/**
 * The API under autocannon (50 connections) against the built gateway, with 1,000 resources
 * × 1 day of 1-minute samples stored, then × 1 week of 5-minute samples (2M rows).
 */
export async function apiScenario(rows: BenchRow[], log: (line: string) => void) {
  const env = await benchEnvironment();
  const { service: gateway, base } = await startGateway(env, { LOG_LEVEL: 'error' });
  try {
    await waitUntil(
      'the gateway answering',
      async () => (await fetch(`${base}/api/config`).catch(() => null))?.ok === true,
      60_000,
    );
    for (const dataset of DATASETS) {
      const loadStart = Date.now();
      const stored = await load(env, dataset);
      log(`api: ${dataset.label}: ${stored} rows loaded in ${Math.round((Date.now() - loadStart) / 1000)} s`);
      const scenario = `5 API, ${dataset.label} (${(stored / 1e6).toFixed(2)}M rows)`;
      const floor = await hammer(base, FLOOR);
      rows.push({
        scenario,
        measure: `${FLOOR.name} (no database) under 50 connections: the HTTP floor`,
        value: floor.rps,
        unit: 'req/s',
      });
      for (const endpoint of ENDPOINTS) {
        const alone = await queriesAlone(env, endpoint);
        if (alone) {
          log(
            `api: ${dataset.label} ${endpoint.name}: its queries alone p50 ${alone.p50.toFixed(1)} p99 ${alone.p99.toFixed(1)} ms`,
          );
          rows.push({
            scenario,
            measure: `${endpoint.name}: its database reads alone, p50 (same run)`,
            value: alone.p50,
            unit: 'ms',
          });
          rows.push({
            scenario,
            measure: `${endpoint.name}: its database reads alone, p99 (same run)`,
            value: alone.p99,
            unit: 'ms',
          });
        }
        const one = await sequential(base, endpoint);
        const many = await hammer(base, endpoint);
        log(
          `api: ${dataset.label} ${endpoint.name}: 1 conn p50 ${one.p50.toFixed(1)} p99 ${one.p99.toFixed(1)} ms; 50 conn p50 ${many.p50} p99 ${many.p99} ms ${Math.round(many.rps)} req/s; ${one.size} B; failed ${one.failed + many.failed}`,
        );
        const failed = one.failed + many.failed > 0 ? `${one.failed + many.failed} failed requests` : undefined;
        const target = endpoint.targetP99Ms;
        rows.push({ scenario, measure: `${endpoint.name} p50, one client`, value: one.p50, unit: 'ms' });
        rows.push({
          scenario,
          measure: `${endpoint.name} p99, one client`,
          value: one.p99,
          unit: 'ms',
          limit: target,
          limitLabel: target ? 'target' : undefined,
          note: failed,
        });
        rows.push({
          scenario,
          measure: `${endpoint.name} p99, 50 connections`,
          value: many.p99,
          unit: 'ms',
          note: `p50 ${many.p50} ms`,
        });
        rows.push({
          scenario,
          measure: `${endpoint.name} throughput, 50 connections`,
          value: many.rps,
          unit: 'req/s',
          limit: floor.rps,
          limitLabel: 'HTTP floor',
        });
        rows.push({ scenario, measure: `${endpoint.name} response size`, value: one.size / 1024, unit: 'KiB' });
      }
    }
  } finally {
    await stopBuilt([gateway]);
    await env.close();
  }
}
