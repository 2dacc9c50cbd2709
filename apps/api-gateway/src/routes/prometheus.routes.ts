import { createRoute, z } from '@hono/zod-openapi';
import type { Registry } from 'prom-client';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { tag } from '../openapi/tags';

/** What `registry.contentType` is: Prometheus text exposition format 0.0.4. */
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

const route = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Health'),
  summary: 'Prometheus metrics',
  description:
    "The gateway's HTTP metrics and the pipeline's (services up, consumer lag, counters), in the Prometheus text format.",
  responses: {
    200: { description: 'Prometheus text exposition format', content: { [PROMETHEUS_TEXT]: { schema: z.string() } } },
    503: ERRORS.unavailable,
  },
});

/** `GET /metrics`: Prometheus text format — the gateway's HTTP metrics and the pipeline's. */
export function prometheusRoutes(registry: Registry, refresh: () => Promise<void>) {
  return apiRoutes().openapi(route, async (c) => {
    await refresh();
    return c.text(await registry.metrics(), 200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  });
}
