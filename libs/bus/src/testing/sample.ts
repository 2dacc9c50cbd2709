import type { MetricSampled } from '@autoscale/contracts';

/**
 * A `metric.sampled` event of one machine at minute `minute` of a fixed hour.
 *
 * @example
 * await publishAll(js, names, metricSampledEvent, [sampleAt(1), sampleAt(2)]);
 */
export const sampleAt = (minute: number, resourceId = 'web-1'): MetricSampled => ({
  v: 1,
  provider: 'local',
  resourceId,
  ts: new Date(Date.UTC(2026, 2, 1, 12, minute)).toISOString(),
  metrics: { cpu: 10 + minute },
});
