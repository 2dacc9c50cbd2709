import { Hono } from 'hono';
import { z } from 'zod';
import { ResourceId } from '@autoscale/contracts';
import { findResource, latestForecasts } from '@autoscale/db';
import { ApiError, parseQuery } from '../api-error';
import type { GatewayDeps } from '../deps';
import { forecastSummaries, NEEDED_SAMPLES } from './forecast-summaries';

// ResourceId refuses NUL, which PostgreSQL text cannot hold (the query would fail with a 5xx).
const ForecastQuery = z.object({
  resource_id: ResourceId.optional(),
  points: z.stringbool({ error: 'must be true or false' }).optional(),
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
  return new Hono().get('/', async (c) => {
    const query = parseQuery(c, ForecastQuery);
    const signal = c.req.raw.signal;
    if (query.resource_id === undefined) {
      return c.body(await summaries(query.points ?? false), 200, { 'Content-Type': 'application/json' });
    }
    const forecasts = await latestForecasts(db, { resourceId: query.resource_id, points: query.points ?? true }, signal);
    if (forecasts.length > 0) return c.json({ status: 'ok', forecasts });
    const resource = await findResource(db, query.resource_id, signal);
    if (!resource) throw new ApiError(404, 'not_found', `no samples and no forecast for resource "${query.resource_id}"`);
    return c.json({
      status: 'warming_up',
      resourceId: resource.resourceId,
      samples: resource.samples,
      needed: NEEDED_SAMPLES,
      forecasts: [],
    });
  });
}
