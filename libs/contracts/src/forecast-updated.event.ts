import { z } from 'zod';
import { ResourceId } from './resource-id.schema';
import { MetricName } from './metric-name';
import { BoundedNumber, EventTime, Identifier, LIMITS, Labels, eventTime } from './limits';
import type { TimeBounds } from './limits';

export const ForecastPoint = z.object({
  ts: EventTime,
  value: BoundedNumber,
  lo: BoundedNumber,
  hi: BoundedNumber,
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
 * interval. Both are null when no crossing is forecast within the horizon. Points and
 * breach times lie ahead by design; only `generatedAt` is held to the clock by `bounds`.
 *
 * @example
 * const schema = forecastUpdatedSchema({ now: Date.now, maxClockSkewSec: 300 });
 */
export const forecastUpdatedSchema = (bounds?: TimeBounds) =>
  z.object({
    v: z.literal(1),
    resourceId: ResourceId,
    metric: MetricName,
    generatedAt: eventTime(bounds),
    model: Identifier,
    threshold: BoundedNumber,
    current: BoundedNumber,
    slopePerMin: BoundedNumber,
    breachAt: EventTime.nullable(),
    breachInMin: BoundedNumber.nullable(),
    interval: z.object({ earliest: EventTime.nullable(), latest: EventTime.nullable() }).nullable(),
    points: z.array(ForecastPoint).max(LIMITS.forecastPoints),
    samples: z.number().int().nonnegative(),
    /**
     * Optional (added after v1 shipped; older producers omit it): the calibrated breach
     * probability within each lookahead; the alerter decides on it when present.
     */
    breachProbability: z.array(BreachProbabilityEntry).max(8).optional(),
    /** Optional (added after v1): the labels of the sample the forecast was made from, for the pagers. */
    labels: Labels.optional(),
  });

/** The forecast's shape and static limits; consumers use {@link forecastUpdatedSchema}. */
export const ForecastUpdated = forecastUpdatedSchema();
export type ForecastUpdated = z.infer<typeof ForecastUpdated>;

export const forecastUpdatedMsgId = (e: Pick<ForecastUpdated, 'resourceId' | 'metric' | 'generatedAt'>) =>
  `${e.resourceId}:${e.metric}:${new Date(e.generatedAt).toISOString()}`;
