import { z } from '@hono/zod-openapi';
import { ForecastPoint, MetricName, ResourceId } from '@autoscale/contracts';
import { IsoTime } from './time.schema';

/** The latest forecast of one metric; `points` (bands clamped to 0–100) only when asked for. */
export const Forecast = z
  .object({
    resourceId: ResourceId,
    metric: MetricName,
    generatedAt: IsoTime,
    model: z.string(),
    threshold: z.number(),
    current: z.number(),
    slopePerMin: z.number(),
    breachAt: IsoTime.nullable().openapi({ description: 'Likely crossing of the threshold; null when none is forecast' }),
    breachInMin: z.number().nullable(),
    interval: z.object({ earliest: IsoTime.nullable(), latest: IsoTime.nullable() }).nullable(),
    points: z.array(ForecastPoint).optional(),
    samples: z.number().int().nonnegative(),
  })
  .openapi('Forecast');

const Needed = z.number().int().positive().openapi({ description: 'Samples the forecaster needs before its first forecast' });

/** Without `resource_id`: every resource's forecasts, and the resources still warming up. */
export const AllForecasts = z
  .object({
    forecasts: z.array(Forecast),
    warmingUp: z.array(z.object({ resourceId: ResourceId, samples: z.number().int().nonnegative(), needed: Needed })),
  })
  .openapi('AllForecasts');

/** With `resource_id`: its forecasts, with points by default. */
export const ResourceForecasts = z
  .object({ status: z.literal('ok'), forecasts: z.array(Forecast) })
  .openapi('ResourceForecasts');

/** With `resource_id`, before its first forecast. */
export const WarmingUp = z
  .object({
    status: z.literal('warming_up'),
    resourceId: ResourceId,
    samples: z.number().int().nonnegative(),
    needed: Needed,
    forecasts: z.array(Forecast).max(0),
  })
  .openapi('WarmingUp');
