import { MS_PER_MIN } from '@autoscale/time-units';
import type { SampleWindow } from '../types';
import { median, normalPrediction } from './interval';
import type { FittedModel, ForecastModel } from './model';

/** MAD × 1.4826 estimates the standard deviation of normal residuals. */
const MAD_TO_SIGMA = 1.4826;
/**
 * Pairs are O(n²): at fast polls (seconds) the trend window holds up to 288 samples, 41,000
 * pairs a sample. An evenly spaced subsample of this many points gives the same robust slope
 * at a bounded cost; at the default 5-minute poll (12 samples) nothing is dropped.
 */
const MAX_POINTS = 48;

/** Indices of evenly spaced points of a window of n samples, always keeping the newest. */
function thinned(n: number): number[] {
  if (n <= MAX_POINTS) return Array.from({ length: n }, (_, i) => i);
  const step = (n - 1) / (MAX_POINTS - 1);
  return Array.from({ length: MAX_POINTS }, (_, i) => Math.round(n - 1 - (MAX_POINTS - 1 - i) * step));
}

/** The thinned points as minutes before the newest (xs ≤ 0) and values. */
function pointsOf(window: SampleWindow): { t0: number; xs: number[]; ys: number[] } {
  const points = thinned(window.length);
  const t0 = window.t(points[points.length - 1]!);
  return { t0, xs: points.map((k) => (window.t(k) - t0) / MS_PER_MIN), ys: points.map((k) => window.value(k)) };
}

/** Median pairwise slope, median intercept and robust spread of points (x minutes, y). */
function robustLine(xs: readonly number[], ys: readonly number[]): { m: number; b: number; sigma: number } {
  const slopes: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const dx = xs[j]! - xs[i]!;
      if (dx > 0) slopes.push((ys[j]! - ys[i]!) / dx);
    }
  }
  const m = median(slopes);
  const b = median(ys.map((y, i) => y - m * xs[i]!));
  const residuals = ys.map((y, i) => Math.abs(y - (m * xs[i]! + b)));
  return { m, b, sigma: MAD_TO_SIGMA * median(residuals) };
}

/**
 * Theil–Sen line: the median of all pairwise slopes and the median intercept, so a few
 * spikes in the window neither tilt the line nor widen the interval much. O(n²) in the
 * points, capped by thinning; the forecaster gives it the short trend window (12 samples at 5 minutes).
 *
 * @example
 * theilSenModel.fit(samples)?.slopePerMin;
 */
export const theilSenModel: ForecastModel = {
  name: 'theil-sen',
  fit(window: SampleWindow): FittedModel | null {
    if (window.length < 3) return null;
    // Helpers, not closures here, so `predict` keeps a few numbers, not the points or window.
    const { t0, xs, ys } = pointsOf(window);
    const { m, b, sigma } = robustLine(xs, ys);
    const span = Math.max(1, -xs[0]!);
    return {
      name: 'theil-sen',
      slopePerMin: m,
      predict(t: number) {
        const x = (t - t0) / MS_PER_MIN;
        return normalPrediction(m * x + b, sigma * Math.sqrt(1 + Math.max(0, x) / span));
      },
    };
  },
};
