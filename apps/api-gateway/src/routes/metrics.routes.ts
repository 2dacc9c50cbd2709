import { Hono } from 'hono';
import { z } from 'zod';
import { ResourceId } from '@autoscale/contracts';
import { findResource, listMetrics } from '@autoscale/db';
import { ApiError, parseQuery } from '../api-error';
import type { GatewayDeps } from '../deps';
import { DEFAULT_STEP_SECONDS, RANGE_SECONDS, Step, stepProblem } from './metrics-step';

// ResourceId refuses NUL, which PostgreSQL text cannot hold (the query would fail with a 5xx).
const MetricsQuery = z.object({
  resource_id: ResourceId.optional(),
  range: z.enum(['1h', '6h', '24h']).default('1h'),
  step: Step.optional(),
});

/**
 * `GET /api/metrics?resource_id=&range=1h|6h|24h&step=`: one resource's samples over the range
 * (ending at its newest sample, so replayed or delayed series show too), averaged and maxed
 * per `step` on the server (default ~360 points). Without `resource_id`, the first resource
 * in `/api/resources`.
 */
export function metricsRoutes({ db }: GatewayDeps) {
  return new Hono().get('/', async (c) => {
    const query = parseQuery(c, MetricsQuery);
    const step = query.step ?? DEFAULT_STEP_SECONDS[query.range];
    const problem = stepProblem(query.range, step);
    if (problem) throw new ApiError(400, 'bad_request', problem);
    const signal = c.req.raw.signal;
    const resource = await findResource(db, query.resource_id, signal);
    if (!resource) {
      const message = query.resource_id ? `no metrics for resource "${query.resource_id}"` : 'no metrics collected yet';
      throw new ApiError(404, 'not_found', message);
    }
    const since = new Date(Date.parse(resource.lastSeen) - RANGE_SECONDS[query.range] * 1000);
    const points = await listMetrics(db, { resourceId: resource.resourceId, since, stepSeconds: step }, signal);
    return c.json({
      resourceId: resource.resourceId,
      provider: resource.provider,
      range: query.range,
      step,
      memoryAvailable: resource.memoryAvailable,
      points,
    });
  });
}
