import { MS_PER_MIN } from '@autoscale/time-units';
import type { SampleWindow } from '../types';
import { normalPrediction, stdDev } from './interval';
import type { FittedModel, ForecastModel } from './model';

/** One-step residuals of the fit running now: fits run one at a time, so one buffer serves all. */
let scratch = new Float64Array(512);

export type HoltParams = { alpha: number; beta: number; phi: number };

/**
 * Smoothing constants: a level that follows changes within a few samples, a slow trend,
 * and damping so a short burst is not extrapolated for hours (Gardner & McKenzie).
 */
export const DEFAULT_HOLT_PARAMS: HoltParams = { alpha: 0.5, beta: 0.1, phi: 0.9 };

/**
 * Holt's linear trend with damping, run over the window in O(window). The trend is per
 * sample step (the window's median spacing); the interval comes from one-step residuals,
 * widened with the horizon as the damped trend's error accumulates.
 *
 * @example
 * holtModel().fit(samples)?.predict(Date.now() + 30 * 60_000);
 */
export function holtModel(params: HoltParams = DEFAULT_HOLT_PARAMS): ForecastModel {
  const { alpha, beta, phi } = params;
  return {
    name: 'holt',
    fit(samples: SampleWindow): FittedModel | null {
      const n = samples.length;
      if (n < 3) return null;
      const lastT = samples.t(n - 1);
      const stepMin = Math.max((lastT - samples.t(0)) / MS_PER_MIN / (n - 1), 1 / 60);
      let level = samples.value(0);
      let trend = samples.value(1) - level;
      if (scratch.length < n) scratch = new Float64Array(n * 2);
      const residuals = scratch.subarray(0, n - 1);
      for (let i = 1; i < n; i++) {
        const y = samples.value(i);
        const forecast = level + phi * trend;
        residuals[i - 1] = y - forecast;
        const prevLevel = level;
        level = alpha * y + (1 - alpha) * forecast;
        trend = beta * (level - prevLevel) + (1 - beta) * phi * trend;
      }
      const sigma = stdDev(residuals);
      return {
        name: 'holt',
        slopePerMin: trend / stepMin,
        predict(t: number) {
          const k = Math.max(0, (t - lastT) / MS_PER_MIN / stepMin);
          // Sum of phi^1..phi^k, the damped trend's total contribution k steps ahead.
          const damped = phi === 1 ? k : (phi * (1 - phi ** k)) / (1 - phi);
          const spread = sigma * Math.sqrt(1 + alpha * alpha * Math.max(0, k - 1));
          return normalPrediction(level + damped * trend, spread);
        },
      };
    },
  };
}
