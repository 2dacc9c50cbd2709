import { MS_PER_MIN } from '@autoscale/time-units';
/** One point of a forecast: time (ms), central value and 80 % interval, in percent. */
export type OutlookPoint = { t: number; value: number; lo: number; hi: number };

/** What the scaler needs of one member's forecast (structurally a library `SeriesForecast`). */
export type ForecastLike = {
  /** Time of the newest sample the forecast was made from (ms). */
  t: number;
  current: number;
  points: readonly OutlookPoint[];
  breachProbability?: ReadonlyArray<{ withinMin: number; p: number }> | undefined;
};

/** One member's forecast reduced to the lead time: all a decision reads of it. */
export type MemberOutlook = {
  /** Forecast time (ms). */
  t: number;
  /** Utilisation now (percent). */
  current: number;
  /** Central forecast at t + lead. */
  expected: number;
  /** Upper end of the 80 % interval at t + lead. */
  upper: number;
  /** Calibrated P(saturation within the shortest horizon covering the lead); null when absent. */
  breachProbability: number | null;
};

/**
 * Reads a member's forecast at `leadMin` ahead: central value and upper bound interpolated
 * between the forecast points (the last point beyond the horizon, the current value before
 * the first), and the breach probability of the shortest horizon that covers the lead.
 *
 * @example
 * memberOutlook(forecast, 5); // { t, current: 52, expected: 58.1, upper: 63.4, breachProbability: 0.07 }
 */
export function memberOutlook(forecast: ForecastLike, leadMin: number): MemberOutlook {
  const at = forecast.t + leadMin * MS_PER_MIN;
  const { value, hi } = interpolate(forecast, at);
  return {
    t: forecast.t,
    current: forecast.current,
    expected: value,
    upper: Math.max(value, hi),
    breachProbability: probabilityCovering(forecast.breachProbability, leadMin),
  };
}

function interpolate(forecast: ForecastLike, at: number): { value: number; hi: number } {
  const points = forecast.points;
  let before: OutlookPoint = { t: forecast.t, value: forecast.current, lo: forecast.current, hi: forecast.current };
  for (const point of points) {
    if (point.t >= at) {
      if (point.t === before.t) return point;
      const w = (at - before.t) / (point.t - before.t);
      return { value: before.value + w * (point.value - before.value), hi: before.hi + w * (point.hi - before.hi) };
    }
    before = point;
  }
  return before;
}

function probabilityCovering(entries: ForecastLike['breachProbability'], leadMin: number): number | null {
  if (!entries || entries.length === 0) return null;
  const sorted = [...entries].sort((a, b) => a.withinMin - b.withinMin);
  return (sorted.find((e) => e.withinMin >= leadMin) ?? sorted[sorted.length - 1]!).p;
}
