import type { ForecastUpdated } from '@autoscale/contracts';

const MIN = 60_000;

/**
 * A `forecast.updated` event for a member at `t`: current value, then a straight line at
 * `slopePerMin` with an 80 % interval ± `spread`, a point every 5 minutes for an hour.
 */
export function forecastEvent(
  resourceId: string,
  t: number,
  o: { current: number; slopePerMin?: number; spread?: number; p15?: number; metric?: 'cpu' | 'mem' },
): ForecastUpdated {
  const slope = o.slopePerMin ?? 0;
  const spread = o.spread ?? 5;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    v: 1,
    resourceId,
    metric: o.metric ?? 'cpu',
    generatedAt: iso(t),
    model: 'test',
    threshold: 90,
    current: o.current,
    slopePerMin: slope,
    breachAt: null,
    breachInMin: null,
    interval: null,
    points: Array.from({ length: 12 }, (_, i) => {
      const value = o.current + slope * 5 * (i + 1);
      return { ts: iso(t + 5 * (i + 1) * MIN), value, lo: value - spread, hi: value + spread };
    }),
    samples: 100,
    breachProbability: [
      { withinMin: 15, p: o.p15 ?? 0 },
      { withinMin: 60, p: o.p15 ?? 0 },
    ],
  };
}
