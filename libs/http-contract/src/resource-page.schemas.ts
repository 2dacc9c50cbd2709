import { z } from 'zod';
import { MetricName, ResourceId } from '@autoscale/contracts';
import { IsoTime } from './iso-time.schema';

/** A resource's status as the list sorts it: breached, forecast breach, warming up (no forecast yet), ok. */
export const ResourceStatus = z
  .enum(['breached', 'forecast_breach', 'warming_up', 'ok'])
  .meta({ id: 'ResourceStatus' });
export type ResourceStatus = z.infer<typeof ResourceStatus>;

/** A latest forecast as a row of the resource list carries it: no chart points. */
export const ForecastBrief = z
  .object({
    metric: MetricName,
    generatedAt: IsoTime,
    model: z.string(),
    threshold: z.number(),
    current: z.number(),
    breachAt: IsoTime.nullable(),
    interval: z.object({ earliest: IsoTime.nullable(), latest: IsoTime.nullable() }).nullable(),
    samples: z.number().int().nonnegative(),
  })
  .meta({ id: 'ForecastBrief' });
export type ForecastBrief = z.infer<typeof ForecastBrief>;

/** A resource as a page of the resource list shows it: newest values, status, latest forecasts. */
export const ResourceRow = z
  .object({
    resourceId: ResourceId,
    provider: z.string(),
    firstSeen: IsoTime,
    lastSeen: IsoTime,
    cpu: z.number().nullable().meta({ description: 'Newest CPU sample, percent; null when none had CPU' }),
    mem: z.number().nullable().meta({ description: 'Newest memory sample, percent; null when none had memory' }),
    memoryAvailable: z.boolean().meta({ description: 'False when the provider has no memory metric' }),
    samples: z.number().int().nonnegative(),
    labels: z.record(z.string(), z.string()).nullable(),
    status: ResourceStatus,
    breachAt: IsoTime.nullable().meta({ description: 'The soonest predicted breach of either metric' }),
    forecasts: z.array(ForecastBrief),
    needed: z.number().int().positive().meta({ description: 'Samples needed before the first forecast' }),
  })
  .meta({ id: 'ResourceRow' });
export type ResourceRow = z.infer<typeof ResourceRow>;

/** `GET /api/resources`: one page of the resources, worst first (or by id). */
export const ResourcePage = z
  .object({
    total: z.number().int().nonnegative().meta({ description: 'Every resource the filters match, on all pages' }),
    next: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
    resources: z.array(ResourceRow),
  })
  .meta({ id: 'ResourcePage' });
export type ResourcePage = z.infer<typeof ResourcePage>;
