import { z } from 'zod';
import { ResourceId } from './resource-id.schema';
import { Identifier, Labels, Percent, eventTime } from './limits';
import type { TimeBounds } from './limits';

/**
 * One poll of one resource. Published on `metric.sampled.<provider>.<resource>`,
 * dedupe id {@link metricSampledMsgId}. A metric the provider does not have (memory
 * without the cloud agent) is absent, never 0. With `bounds`, a sample dated further ahead
 * than the clock skew allows is refused (it would hide every later sample of its series).
 *
 * @example
 * const schema = metricSampledSchema({ now: Date.now, maxClockSkewSec: 300 });
 */
export const metricSampledSchema = (bounds?: TimeBounds) =>
  z.object({
    v: z.literal(1),
    provider: Identifier,
    resourceId: ResourceId,
    ts: eventTime(bounds),
    metrics: z
      .object({ cpu: Percent.optional(), mem: Percent.optional() })
      .refine((m) => m.cpu !== undefined || m.mem !== undefined, 'at least one of cpu, mem'),
    labels: Labels.optional(),
  });

/** The sample's shape and static limits; consumers use {@link metricSampledSchema} with their clock. */
export const MetricSampled = metricSampledSchema();
export type MetricSampled = z.infer<typeof MetricSampled>;

export const metricSampledMsgId = (e: Pick<MetricSampled, 'provider' | 'resourceId' | 'ts'>) =>
  `${e.provider}:${e.resourceId}:${new Date(e.ts).toISOString()}`;
