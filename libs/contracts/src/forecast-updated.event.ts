import { z } from 'zod';
import { ResourceId } from './resource-id.schema';
import { MetricName } from './metric-name';

const IsoTime = z.iso.datetime({ offset: true });

export const ForecastPoint = z.object({
  ts: IsoTime,
  value: z.number(),
  lo: z.number(),
  hi: z.number(),
});
export type ForecastPoint = z.infer<typeof ForecastPoint>;

/** P(a sustained crossing of `threshold` starts within `withinMin` minutes), calibrated. */
export const BreachProbabilityEntry = z.object({
  withinMin: z.number().positive(),
  p: z.number().min(0).max(1),
});

/**
 * The forecast made from the series as it stood at `generatedAt` (the time of the newest
 * sample, so a redelivered sample yields the same event and the same dedupe id).
 * `breachAt` is the likely crossing time; `interval` brackets it from the prediction
 * interval. Both are null when no crossing is forecast within the horizon.
 */
export const ForecastUpdated = z.object({
  v: z.literal(1),
  resourceId: ResourceId,
  metric: MetricName,
  generatedAt: IsoTime,
  model: z.string().min(1),
  threshold: z.number(),
  current: z.number(),
  slopePerMin: z.number(),
  breachAt: IsoTime.nullable(),
  breachInMin: z.number().nullable(),
  interval: z.object({ earliest: IsoTime.nullable(), latest: IsoTime.nullable() }).nullable(),
  points: z.array(ForecastPoint),
  samples: z.number().int().nonnegative(),
  /**
   * Optional (added after v1 shipped; older producers omit it): the calibrated breach
   * probability within each lookahead; the alerter decides on it when present.
   */
  breachProbability: z.array(BreachProbabilityEntry).max(8).optional(),
});
export type ForecastUpdated = z.infer<typeof ForecastUpdated>;

export const forecastUpdatedMsgId = (e: Pick<ForecastUpdated, 'resourceId' | 'metric' | 'generatedAt'>) =>
  `${e.resourceId}:${e.metric}:${new Date(e.generatedAt).toISOString()}`;
