import { linearRegression, sampleStandardDeviation } from 'simple-statistics';
import { MS_PER_MIN } from '@autoscale/time-units';
import type { SampleWindow } from '../types';
import type { FittedModel, ForecastModel } from './model';

const Z80 = 1.2816;
const Z95 = 1.96;

/**
 * Ordinary least squares over the window: what Prometheus `predict_linear` does.
 * The interval widens with the residual spread and with the distance from the window.
 *
 * @example
 * const fitted = olsModel.fit(samples);
 * fitted?.predict(Date.now() + 30 * 60_000).value;
 */
export const olsModel: ForecastModel = {
  name: 'ols',
  fit(samples: SampleWindow): FittedModel | null {
    const n = samples.length;
    if (n < 2) return null;
    const t0 = samples.t(n - 1);
    // Short-lived (the trend window); a loop, not a closure, so `predict` cannot keep it.
    const points: number[][] = [];
    for (let i = 0; i < n; i++) points.push([(samples.t(i) - t0) / MS_PER_MIN, samples.value(i)]);
    const { m, b } = linearRegression(points);
    const residuals = points.map(([x, y]) => y! - (m * x! + b));
    const sigma = residuals.length > 2 ? sampleStandardDeviation(residuals) : 0;
    const span = Math.max(1, -points[0]![0]!);
    return {
      name: 'ols',
      slopePerMin: m,
      predict(t: number) {
        const x = (t - t0) / MS_PER_MIN;
        const value = m * x + b;
        const spread = sigma * Math.sqrt(1 + Math.max(0, x) / span);
        return {
          value,
          lo80: value - Z80 * spread,
          hi80: value + Z80 * spread,
          lo95: value - Z95 * spread,
          hi95: value + Z95 * spread,
        };
      },
    };
  },
};
