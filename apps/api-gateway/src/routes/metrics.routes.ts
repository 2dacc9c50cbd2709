import { createRoute, z } from '@hono/zod-openapi';
import { ResourceId } from '@autoscale/contracts';
import { findResource, listMetrics } from '@autoscale/db';
import { ApiError } from '../api-error';
import type { GatewayDeps } from '../deps';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { MetricsRange, MetricsResponse } from '../openapi/metrics.schemas';
import { DEFAULT_STEP_SECONDS, RANGE_SECONDS, Step, stepProblem } from './metrics-step';
import { tag } from '../openapi/tags';

// ResourceId refuses NUL, which PostgreSQL text cannot hold (the query would fail with a 5xx).
const MetricsQuery = z.object({
  resource_id: ResourceId.optional().openapi({ description: 'Default: the first resource by id' }),
  range: MetricsRange.default('1h'),
  step: Step.optional().openapi({
    description:
      'Seconds per point (`30`), or with a unit (`30s`, `5m`, `1h`); at most the range, at most 2,000 points. Default ≈ 360 points.',
  }),
});

const route = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Resources and metrics'),
  summary: "One resource's samples over a range, downsampled",
  description:
    'Ending at its newest sample (so replayed or delayed series show too); each point is a `step`-long bucket aligned to the epoch with the average (cpu, mem) and maximum (cpuMax, memMax).',
  request: { query: MetricsQuery },
  responses: {
    200: { description: 'The series', content: { 'application/json': { schema: MetricsResponse } } },
    400: ERRORS.badRequest,
    404: ERRORS.notFound('No such resource, or no metrics collected yet'),
    503: ERRORS.unavailable,
  },
});

/**
 * `GET /api/metrics?resource_id=&range=1h|6h|24h&step=`: one resource's samples over the range
 * (ending at its newest sample, so replayed or delayed series show too), averaged and maxed
 * per `step` on the server (default ~360 points). Without `resource_id`, the first resource
 * by id.
 */
export function metricsRoutes({ db }: GatewayDeps) {
  return apiRoutes().openapi(route, async (c) => {
    const query = c.req.valid('query');
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
    return c.json(
      {
        resourceId: resource.resourceId,
        provider: resource.provider,
        range: query.range,
        step,
        memoryAvailable: resource.memoryAvailable,
        points,
      },
      200,
    );
  });
}
