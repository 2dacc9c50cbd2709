import type { Sample } from '../types';
import { median, normalPrediction } from './interval';
import type { FittedModel, ForecastModel } from './model';

const MS_PER_MIN = 60_000;
/** MAD × 1.4826 estimates the standard deviation of normal residuals. */
const MAD_TO_SIGMA = 1.4826;
/**
 * Pairs are O(n²): at fast polls (seconds) the trend window holds up to 288 samples, 41,000
 * pairs a sample. An evenly spaced subsample of this many points gives the same robust slope
 * at a bounded cost; at the default 5-minute poll (12 samples) nothing is dropped.
 */
const MAX_POINTS = 48;

/** Evenly spaced points of the window, always keeping the newest. */
function thin(samples: readonly Sample[]): readonly Sample[] {
  if (samples.length <= MAX_POINTS) return samples;
  const step = (samples.length - 1) / (MAX_POINTS - 1);
  return Array.from({ length: MAX_POINTS }, (_, i) => samples[Math.round(samples.length - 1 - (MAX_POINTS - 1 - i) * step)]!);
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
  fit(window: readonly Sample[]): FittedModel | null {
    if (window.length < 3) return null;
    const samples = thin(window);
    const t0 = samples[samples.length - 1]!.t;
    const xs = samples.map((s) => (s.t - t0) / MS_PER_MIN);
    const slopes: number[] = [];
    for (let i = 0; i < samples.length; i++) {
      for (let j = i + 1; j < samples.length; j++) {
        const dx = xs[j]! - xs[i]!;
        if (dx > 0) slopes.push((samples[j]!.value - samples[i]!.value) / dx);
      }
    }
    const m = median(slopes);
    const b = median(samples.map((s, i) => s.value - m * xs[i]!));
    const residuals = samples.map((s, i) => Math.abs(s.value - (m * xs[i]! + b)));
    const sigma = MAD_TO_SIGMA * median(residuals);
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
