import type { Sample } from '../types';
import { median, normalPrediction } from './interval';
import type { FittedModel, ForecastModel } from './model';

const MS_PER_MIN = 60_000;
/** MAD × 1.4826 estimates the standard deviation of normal residuals. */
const MAD_TO_SIGMA = 1.4826;

/**
 * Theil–Sen line: the median of all pairwise slopes and the median intercept, so a few
 * spikes in the window neither tilt the line nor widen the interval much. O(n²) in the
 * window; the forecaster gives it the short trend window (12 samples at 5 minutes).
 *
 * @example
 * theilSenModel.fit(samples)?.slopePerMin;
 */
export const theilSenModel: ForecastModel = {
  name: 'theil-sen',
  fit(samples: readonly Sample[]): FittedModel | null {
    if (samples.length < 3) return null;
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
