import { z } from 'zod';
import { ResourceId } from './resource-id.schema';

const Percent = z.number().finite().min(0).max(100);

/**
 * One poll of one resource. Published on `metric.sampled.<provider>.<resource>`,
 * dedupe id {@link metricSampledMsgId}. A metric the provider does not have (memory
 * without the cloud agent) is absent, never 0.
 */
export const MetricSampled = z.object({
  v: z.literal(1),
  provider: z.string().min(1),
  resourceId: ResourceId,
  ts: z.iso.datetime({ offset: true }),
  metrics: z
    .object({ cpu: Percent.optional(), mem: Percent.optional() })
    .refine((m) => m.cpu !== undefined || m.mem !== undefined, 'at least one of cpu, mem'),
  labels: z.record(z.string(), z.string()).optional(),
});
export type MetricSampled = z.infer<typeof MetricSampled>;

export const metricSampledMsgId = (e: Pick<MetricSampled, 'provider' | 'resourceId' | 'ts'>) =>
  `${e.provider}:${e.resourceId}:${new Date(e.ts).toISOString()}`;
