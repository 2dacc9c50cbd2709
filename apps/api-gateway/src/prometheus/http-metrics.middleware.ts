import { createMiddleware } from 'hono/factory';
import type { Hono } from 'hono';
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import { routeLabeller } from './route-label';

/**
 * Counts every HTTP request and times it, labelled by method, route pattern (`/api/alerts`,
 * never the raw URL, so ids in paths cannot explode the series count; see {@link routeLabeller})
 * and status.
 */
export function httpMetrics(registry: Registry, app: Pick<Hono, 'routes'>) {
  const routeOf = routeLabeller(app);
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request (until the headers of a stream)',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return createMiddleware(async (c, next) => {
    const started = performance.now();
    await next();
    const labels = { method: c.req.method, route: routeOf(c), status: String(c.res.status) };
    requests.inc(labels);
    duration.observe(labels, (performance.now() - started) / 1000);
  });
}
