import { Hono } from 'hono';
import { z } from 'zod';
import { ResourceId } from '@autoscale/contracts';
import { latestForecasts } from '@autoscale/db';
import { ApiError, parseQuery } from '../api-error';
import type { GatewayDeps } from '../deps';

// ResourceId refuses NUL, which PostgreSQL text cannot hold (the query would fail with a 5xx).
const ForecastQuery = z.object({ resource_id: ResourceId.optional() });

/** `GET /api/forecast?resource_id=`: the latest forecast per metric, of one resource or all. */
export function forecastRoutes({ db }: GatewayDeps) {
  return new Hono().get('/', async (c) => {
    const query = parseQuery(c, ForecastQuery);
    const forecasts = await latestForecasts(db, query.resource_id);
    if (query.resource_id && forecasts.length === 0) {
      throw new ApiError(404, 'not_found', `no forecast for resource "${query.resource_id}" yet`);
    }
    return c.json({ forecasts });
  });
}
