import type { Sample } from '../types';
import { normalPrediction } from './interval';
import type { FittedModel, ForecastModel } from './model';
import type { SeasonalProfile } from './seasonal-profile';

const MS_PER_MIN = 60_000;
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
    fit(samples: readonly Sample[]): FittedModel | null {
      if (!profile.ready(MIN_PERIODS) || samples.length === 0) return null;
      const recent = samples.slice(-OFFSET_SAMPLES);
      const deviations = recent.map((s) => s.value - (profile.at(s.t) ?? s.value));
      const offset = deviations.reduce((a, b) => a + b, 0) / deviations.length;
      const last = samples[samples.length - 1]!;
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
