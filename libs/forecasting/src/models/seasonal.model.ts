import { MS_PER_MIN } from '@autoscale/time-units';
import type { SampleWindow } from '../types';
import { normalPrediction } from './interval';
import type { FittedModel, ForecastModel } from './model';
import type { SeasonalProfile } from './seasonal-profile';

/** The profile is trusted only after this many whole periods (two days for the daily one). */
const MIN_PERIODS = 2;
/** How many recent samples estimate the current offset from the profile. */
const OFFSET_SAMPLES = 3;
/** The offset from the profile fades with this half-life, as a level shift may not last. */
const OFFSET_HALF_LIFE_MIN = 30;

/**
 * Seasonal model on a learned profile: the value usually seen at that phase of the period,
 * plus the current offset from it fading out with the horizon. Fits nothing itself (the
 * profile is learned incrementally by the forecaster), so fitting is O(1).
 *
 * @example
 * seasonalModel(dailyProfile, 'seasonal-daily').fit(window);
 */
export function seasonalModel(profile: SeasonalProfile, name: string): ForecastModel {
  return {
    name,
    fit(samples: SampleWindow): FittedModel | null {
      const n = samples.length;
      if (!profile.ready(MIN_PERIODS) || n === 0) return null;
      let deviationSum = 0;
      for (let i = Math.max(0, n - OFFSET_SAMPLES); i < n; i++) {
        const value = samples.value(i);
        deviationSum += value - (profile.at(samples.t(i)) ?? value);
      }
      const offset = deviationSum / Math.min(n, OFFSET_SAMPLES);
      const last = { t: samples.t(n - 1), value: samples.value(n - 1) };
      const sigma = profile.sigma();
      const nextT = last.t + 5 * MS_PER_MIN;
      const slopePerMin = ((profile.at(nextT) ?? last.value) - last.value) / 5;
      return {
        name,
        slopePerMin,
        predict(t: number) {
          const base = profile.at(t);
          const ahead = Math.max(0, (t - last.t) / MS_PER_MIN);
          const fade = 0.5 ** (ahead / OFFSET_HALF_LIFE_MIN);
          return normalPrediction((base ?? last.value) + offset * fade, sigma);
        },
      };
    },
  };
}
