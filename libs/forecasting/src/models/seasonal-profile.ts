import type { Sample } from '../types';

const MS_PER_MIN = 60_000;

export type SeasonalProfile = {
  periodMin: number;
  /** Feeds one sample; O(1). */
  update(sample: Sample): void;
  /** Smoothed value at the phase of t; null while that phase has not been seen. */
  at(t: number): number | null;
  /** Whether at least `periods` whole periods of history have been seen. */
  ready(periods: number): boolean;
  /** RMS of the profile's own error on each sample before learning from it. */
  sigma(): number;
};

/**
 * A bounded profile of a recurring pattern: one exponentially smoothed value per phase bin
 * (`periodMin / binMin` numbers, 288 for a day of 5-minute bins), learned in O(1) per sample.
 *
 * @example
 * const daily = createSeasonalProfile(1440, 5, 0.3);
 * daily.update({ t, value });
 */
export function createSeasonalProfile(periodMin: number, binMin: number, gamma: number): SeasonalProfile {
  const bins = Math.max(1, Math.round(periodMin / binMin));
  const values = new Float64Array(bins);
  const seen = new Uint8Array(bins);
  let firstT: number | null = null;
  let lastT: number | null = null;
  let sqError = 0;
  let errors = 0;
  const binOf = (t: number) => Math.floor((((t / MS_PER_MIN) % periodMin) + periodMin) % periodMin / binMin) % bins;

  return {
    periodMin,
    update(sample) {
      firstT ??= sample.t;
      lastT = sample.t;
      const b = binOf(sample.t);
      if (!seen[b]) {
        values[b] = sample.value;
        seen[b] = 1;
        return;
      }
      const err = sample.value - values[b]!;
      // Exponentially weighted, so the error estimate follows regime changes.
      sqError = errors === 0 ? err * err : 0.98 * sqError + 0.02 * err * err;
      errors++;
      values[b] = values[b]! + gamma * err;
    },
    at(t) {
      const b = binOf(t);
      return seen[b] ? values[b]! : null;
    },
    ready(periods) {
      return firstT !== null && lastT !== null && lastT - firstT >= periods * periodMin * MS_PER_MIN;
    },
    sigma: () => Math.sqrt(sqError),
  };
}
