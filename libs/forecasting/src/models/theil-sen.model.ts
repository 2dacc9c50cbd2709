import { MS_PER_MIN } from '@autoscale/time-units';
import type { SampleWindow } from '../types';
import { normalPrediction } from './interval';
import { medianInPlace } from '../select';
import type { FittedModel, ForecastModel } from './model';

/** MAD × 1.4826 estimates the standard deviation of normal residuals. */
const MAD_TO_SIGMA = 1.4826;
/**
 * Pairs are O(n²): at fast polls (seconds) the trend window holds up to 288 samples, 41,000
 * pairs a sample. An evenly spaced subsample of this many points gives the same robust slope
 * at a bounded cost; at the default 5-minute poll (12 samples) nothing is dropped.
 */
const MAX_POINTS = 48;

/** The fit running now: fits run one at a time, so one set of buffers serves every series. */
const xs = new Float64Array(MAX_POINTS);
const ys = new Float64Array(MAX_POINTS);
const slopes = new Float64Array((MAX_POINTS * (MAX_POINTS - 1)) / 2);
const deviations = new Float64Array(MAX_POINTS);

/** Index of the i-th of `count` evenly spaced points of a window of n samples, always keeping the newest. */
function thinnedIndex(n: number, count: number, i: number): number {
  if (n <= MAX_POINTS) return i;
  const step = (n - 1) / (MAX_POINTS - 1);
  return Math.round(n - 1 - (count - 1 - i) * step);
}

/** Fills `xs` (minutes before the newest point, ≤ 0) and `ys` with the thinned points; returns their count and time. */
function pointsOf(window: SampleWindow): { count: number; t0: number } {
  const count = Math.min(window.length, MAX_POINTS);
  const t0 = window.t(thinnedIndex(window.length, count, count - 1));
  for (let i = 0; i < count; i++) {
    const k = thinnedIndex(window.length, count, i);
    xs[i] = (window.t(k) - t0) / MS_PER_MIN;
    ys[i] = window.value(k);
  }
  return { count, t0 };
}

/** Median pairwise slope, median intercept and robust spread of the first `count` points. */
function robustLine(count: number): { m: number; b: number; sigma: number } {
  let pairs = 0;
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const dx = xs[j]! - xs[i]!;
      if (dx > 0) slopes[pairs++] = (ys[j]! - ys[i]!) / dx;
    }
  }
  const m = medianInPlace(slopes, pairs);
  for (let i = 0; i < count; i++) deviations[i] = ys[i]! - m * xs[i]!;
  const b = medianInPlace(deviations, count);
  for (let i = 0; i < count; i++) deviations[i] = Math.abs(ys[i]! - (m * xs[i]! + b));
  return { m, b, sigma: MAD_TO_SIGMA * medianInPlace(deviations, count) };
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
    const { count, t0 } = pointsOf(window);
    const { m, b, sigma } = robustLine(count);
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
