import { Hono } from 'hono';
import { z } from 'zod';
import { latestForecasts } from '@autoscale/db';
import { ApiError, parseQuery } from '../api-error';
import type { GatewayDeps } from '../deps';

const ForecastQuery = z.object({
  resource_id: z
    .string()
    .min(1)
    .max(256)
    // PostgreSQL text cannot hold NUL: the query would fail with a 5xx instead of a 400.
    .refine((id) => !id.includes('\u0000'), 'must not contain a NUL character')
    .optional(),
});

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
