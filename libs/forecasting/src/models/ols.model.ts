import { linearRegression, sampleStandardDeviation } from 'simple-statistics';
import type { Sample } from '../types';
import type { FittedModel, ForecastModel } from './model';

const MS_PER_MIN = 60_000;
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
  fit(samples: readonly Sample[]): FittedModel | null {
    if (samples.length < 2) return null;
    const t0 = samples[samples.length - 1]!.t;
    const points = samples.map((s) => [(s.t - t0) / MS_PER_MIN, s.value]);
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
