import { MS_PER_HOUR, MS_PER_MIN } from '@autoscale/time-units';
import type { SampleWindow } from '../types';
import { normalPrediction } from './interval';
import type { FittedModel, ForecastModel } from './model';
import type { SeasonalProfile } from './seasonal-profile';

/**
 * A candidate once the series spans two days (counted on the hourly profile, which sees every
 * sample): every time of day has then been seen at least once a day later.
 */
const MIN_HISTORY_HOURS = 48;

/**
 * Daily-seasonal model with two seasonal periods, as in MSTL/TBATS: the last hour repeated
 * (`hourly`, a profile holding the newest value per 5-minute phase) plus the change from one
 * hour to the next that is usual at that time of day (`hourOverHour`, a smoothed daily profile
 * of `value − value an hour before`). A morning ramp is forecast from the days before, and a
 * pattern that changed within the day is followed from the last hour instead of a day-old
 * level. Changes rather than a day-old level profile: a smoothed level profile wins the
 * selection on noise alone during calm stretches and then misses what changed within the day.
 * Fitting is O(1): both profiles are learned incrementally by the forecaster.
 *
 * @example
 * dailySeasonalModel(hourlyProfile, hourOverHourProfile).fit(window)?.predict(Date.now() + 30 * 60_000);
 */
export function dailySeasonalModel(hourly: SeasonalProfile, hourOverHour: SeasonalProfile): ForecastModel {
  const name = 'seasonal-daily';
  return {
    name,
    fit(samples: SampleWindow): FittedModel | null {
      const n = samples.length;
      if (n === 0 || !hourly.ready(MIN_HISTORY_HOURS)) return null;
      const last = { t: samples.t(n - 1), value: samples.value(n - 1) };
      const sigma = hourOverHour.sigma();
      const valueAt = (t: number) => {
        const hours = Math.max(1, Math.ceil((t - last.t) / MS_PER_HOUR));
        let change = 0;
        for (let j = 0; j < hours; j++) change += hourOverHour.at(t - j * MS_PER_HOUR) ?? 0;
        return { value: (hourly.at(t) ?? last.value) + change, hours };
      };
      const next = valueAt(last.t + 5 * MS_PER_MIN).value;
      return {
        name,
        slopePerMin: (next - last.value) / 5,
        predict(t: number) {
          const { value, hours } = valueAt(t);
          return normalPrediction(value, sigma * Math.sqrt(hours));
        },
      };
    },
  };
}
