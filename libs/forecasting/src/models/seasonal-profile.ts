import { MS_PER_MIN } from '@autoscale/time-units';
import type { Sample } from '../types';

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
  return new BinnedProfile(periodMin, binMin, gamma);
}

/** A class, so the methods are shared by every series' profiles instead of allocated per profile. */
class BinnedProfile implements SeasonalProfile {
  private readonly bins: number;
  /** Smoothed value per bin; NaN marks a phase not seen yet (samples are finite). */
  private readonly values: Float64Array;
  private firstT: number | null = null;
  private lastT: number | null = null;
  private sqError = 0;
  private errors = 0;

  constructor(
    readonly periodMin: number,
    private readonly binMin: number,
    private readonly gamma: number,
  ) {
    this.bins = Math.max(1, Math.round(periodMin / binMin));
    this.values = new Float64Array(this.bins).fill(Number.NaN);
  }

  update(sample: Sample): void {
    this.firstT ??= sample.t;
    this.lastT = sample.t;
    const b = this.binOf(sample.t);
    const smoothed = this.values[b]!;
    if (Number.isNaN(smoothed)) {
      this.values[b] = sample.value;
      return;
    }
    const err = sample.value - smoothed;
    // Exponentially weighted, so the error estimate follows regime changes.
    this.sqError = this.errors === 0 ? err * err : 0.98 * this.sqError + 0.02 * err * err;
    this.errors++;
    this.values[b] = smoothed + this.gamma * err;
  }

  at(t: number): number | null {
    const v = this.values[this.binOf(t)]!;
    return Number.isNaN(v) ? null : v;
  }

  ready(periods: number): boolean {
    return this.firstT !== null && this.lastT !== null && this.lastT - this.firstT >= periods * this.periodMin * MS_PER_MIN;
  }

  sigma(): number {
    return Math.sqrt(this.sqError);
  }

  private binOf(t: number): number {
    const { periodMin, binMin, bins } = this;
    return Math.floor((((t / MS_PER_MIN) % periodMin) + periodMin) % periodMin / binMin) % bins;
  }
}
