import { createRoute, z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { ResourceId } from '@autoscale/contracts';
import { findResource, latestForecasts } from '@autoscale/db';
import { ApiError } from '../api-error';
import type { GatewayDeps } from '../deps';
import { apiRoutes } from '../openapi/api-routes';
import { ERRORS } from '../openapi/error.schemas';
import { AllForecasts, ResourceForecasts, WarmingUp } from '../openapi/forecast.schemas';
import { tag } from '../openapi/tags';
import { sendShared } from '../paging/send-shared';
import { forecastSummaries, NEEDED_SAMPLES } from './forecast-summaries';

// ResourceId refuses NUL, which PostgreSQL text cannot hold (the query would fail with a 5xx).
const ForecastQuery = z.object({
  resource_id: ResourceId.optional(),
  points: z.stringbool({ error: 'must be true or false' }).optional().openapi({
    type: 'boolean',
    description: 'Include the chart points; default false for every resource, true for one',
  }),
});

const route = createRoute({
  method: 'get',
  path: '/',
  tags: tag('Forecasts'),
  summary: 'The latest forecast per metric',
  description:
    'Without `resource_id`: every resource’s forecasts (no chart points unless `points=true`) and the resources still warming up. ' +
    'With it: that resource’s forecasts with their points (bands clamped to 0–100), or `warming_up` before its first forecast.',
  request: { query: ForecastQuery },
  responses: {
    200: {
      description: 'AllForecasts without `resource_id`; ResourceForecasts or WarmingUp with it',
      content: { 'application/json': { schema: z.union([AllForecasts, ResourceForecasts, WarmingUp]) } },
    },
    400: ERRORS.badRequest,
    404: ERRORS.notFound('A resource never sampled'),
    503: ERRORS.unavailable,
  },
});

/**
 * `GET /api/forecast?resource_id=&points=`: the latest forecast per metric.
 * Without `resource_id`: a summary of every resource's forecasts (no chart points unless
 * `points=true`) and the resources still warming up, at most a second old (see
 * forecastSummaries). With it: that resource's forecasts with
 * their points (bands clamped to 0–100), or `{status: 'warming_up', samples, needed}` while the
 * forecaster has too few samples; 404 for a resource never sampled.
 */
export function forecastRoutes({ db }: GatewayDeps) {
  const summaries = forecastSummaries(db);
  return apiRoutes().openapi(route, async (c) => {
    const query = c.req.valid('query');
    const signal = c.req.raw.signal;
    if (query.resource_id === undefined) {
      // Already serialised and shared by every caller (forecast-summaries.ts); the typed c.json
      // cannot say of a string that it is an AllForecasts, so the cast says it.
      return sendShared(c, await summaries(query.points ?? false)) as unknown as TypedResponse<
        z.infer<typeof AllForecasts>,
        200,
        'json'
      >;
    }
    const forecasts = await latestForecasts(
      db,
      { resourceId: query.resource_id, points: query.points ?? true },
      signal,
    );
    if (forecasts.length > 0) return c.json({ status: 'ok' as const, forecasts }, 200);
    const resource = await findResource(db, query.resource_id, signal);
    if (!resource)
      throw new ApiError(404, 'not_found', `no samples and no forecast for resource "${query.resource_id}"`);
    return c.json(
      {
        status: 'warming_up' as const,
        resourceId: resource.resourceId,
        samples: resource.samples,
        needed: NEEDED_SAMPLES,
        forecasts: [],
      },
      200,
    );
  });
}
