import { Hono } from 'hono';
import type { Registry } from 'prom-client';

/** `GET /metrics`: Prometheus text format — the gateway's HTTP metrics and the pipeline's. */
export function prometheusRoutes(registry: Registry, refresh: () => Promise<void>) {
  return new Hono().get('/', async (c) => {
    await refresh();
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  });
}
