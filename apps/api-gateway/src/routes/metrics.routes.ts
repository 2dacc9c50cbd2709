import { Hono } from 'hono';
import { z } from 'zod';
import { listMetrics, listResources } from '@autoscale/db';
import { ApiError, parseQuery } from '../api-error';
import type { GatewayDeps } from '../deps';

const RANGE_MS = { '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000 } as const;

const MetricsQuery = z.object({
  resource_id: z.string().min(1).max(256).optional(),
  range: z.enum(['1h', '6h', '24h']).default('1h'),
});

/**
 * `GET /api/metrics?resource_id=&range=1h|6h|24h`: one resource's samples over the range
 * (ending at its newest sample, so replayed or delayed series show too). Without
 * `resource_id`, the first resource in `/api/resources`.
 */
export function metricsRoutes({ db }: GatewayDeps) {
  return new Hono().get('/', async (c) => {
    const query = parseQuery(c, MetricsQuery);
    const resources = await listResources(db);
    const resource = query.resource_id
      ? resources.find((r) => r.resourceId === query.resource_id)
      : resources[0];
    if (!resource) {
      const message = query.resource_id ? `no metrics for resource "${query.resource_id}"` : 'no metrics collected yet';
      throw new ApiError(404, 'not_found', message);
    }
    const since = new Date(Date.parse(resource.lastSeen) - RANGE_MS[query.range]);
    const points = await listMetrics(db, resource.resourceId, since);
    return c.json({
      resourceId: resource.resourceId,
      provider: resource.provider,
      range: query.range,
      memoryAvailable: resource.memoryAvailable,
      points,
    });
  });
}
