import { z } from '@hono/zod-openapi';
import { ResourceId } from '@autoscale/contracts';
import { IsoTime } from './time.schema';

export const MetricsRange = z.enum(['1h', '6h', '24h']);

/** One `step`-long bucket, aligned to the epoch: averages and maxima, null where nothing was reported. */
export const MetricPoint = z
  .object({
    ts: IsoTime,
    cpu: z.number().nullable(),
    mem: z.number().nullable(),
    cpuMax: z.number().nullable(),
    memMax: z.number().nullable(),
  })
  .openapi('MetricPoint');

export const MetricsResponse = z
  .object({
    resourceId: ResourceId,
    provider: z.string(),
    range: MetricsRange,
    step: z.number().int().positive().openapi({ description: 'Seconds per point' }),
    memoryAvailable: z.boolean(),
    points: z.array(MetricPoint).openapi({ description: 'Oldest first' }),
  })
  .openapi('Metrics');
