import { z } from 'zod';
import { ResourceId } from '@autoscale/contracts';
import { IsoTime } from './iso-time.schema';

export const MetricsRange = z.enum(['1h', '6h', '24h']);
export type MetricsRange = z.infer<typeof MetricsRange>;

/** One `step`-long bucket, aligned to the epoch: averages and maxima, null where nothing was reported. */
export const MetricPoint = z
  .object({
    ts: IsoTime,
    cpu: z.number().nullable(),
    mem: z.number().nullable(),
    cpuMax: z.number().nullable(),
    memMax: z.number().nullable(),
  })
  .meta({ id: 'MetricPoint' });
export type MetricPoint = z.infer<typeof MetricPoint>;

/** `GET /api/metrics?resource_id=&range=`. */
export const MetricsResponse = z
  .object({
    resourceId: ResourceId,
    provider: z.string(),
    range: MetricsRange,
    step: z.number().int().positive().meta({ description: 'Seconds per point' }),
    memoryAvailable: z.boolean(),
    points: z.array(MetricPoint).meta({ description: 'Oldest first' }),
  })
  .meta({ id: 'Metrics' });
export type MetricsResponse = z.infer<typeof MetricsResponse>;
