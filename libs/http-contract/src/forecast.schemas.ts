import { z } from 'zod';
import { ForecastPoint, MetricName, ResourceId } from '@autoscale/contracts';
import { IsoTime } from './iso-time.schema';

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
    breachAt: IsoTime.nullable().meta({ description: 'Likely crossing of the threshold; null when none is forecast' }),
    breachInMin: z.number().nullable(),
    interval: z.object({ earliest: IsoTime.nullable(), latest: IsoTime.nullable() }).nullable(),
    points: z.array(ForecastPoint).optional(),
    samples: z.number().int().nonnegative(),
  })
  .meta({ id: 'Forecast' });
export type Forecast = z.infer<typeof Forecast>;

const Needed = z
  .number()
  .int()
  .positive()
  .meta({ description: 'Samples the forecaster needs before its first forecast' });

/** A resource before its first forecast: samples seen and needed. */
export const WarmingUpResource = z.object({
  resourceId: ResourceId,
  samples: z.number().int().nonnegative(),
  needed: Needed,
});
export type WarmingUpResource = z.infer<typeof WarmingUpResource>;

/** `GET /api/forecast` without `resource_id`: every resource's forecasts, and the resources still warming up. */
export const AllForecasts = z
  .object({ forecasts: z.array(Forecast), warmingUp: z.array(WarmingUpResource) })
  .meta({ id: 'AllForecasts' });
export type AllForecasts = z.infer<typeof AllForecasts>;

/** With `resource_id`: its forecasts, with points by default. */
export const ResourceForecasts = z
  .object({ status: z.literal('ok'), forecasts: z.array(Forecast) })
  .meta({ id: 'ResourceForecasts' });

/** With `resource_id`, before its first forecast. */
export const WarmingUp = z
  .object({
    status: z.literal('warming_up'),
    resourceId: ResourceId,
    samples: z.number().int().nonnegative(),
    needed: Needed,
    forecasts: z.array(Forecast).max(0),
  })
  .meta({ id: 'WarmingUp' });

/** `GET /api/forecast?resource_id=`: one of the two, told apart by `status`. */
export const OneResourceForecasts = z.discriminatedUnion('status', [ResourceForecasts, WarmingUp]);
export type OneResourceForecasts = z.infer<typeof OneResourceForecasts>;
