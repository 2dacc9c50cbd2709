import { MS_PER_MIN } from '@autoscale/time-units';
import type { Slab, SlabPlan } from '../slab';
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

/** Where one configuration's profile keeps its numbers in a series' slab; shared by all its series. */
export type SeasonalProfileShape = {
  periodMin: number;
  binMin: number;
  gamma: number;
  bins: number;
  /** Bin values in f64 (exact) or f32 (a smoothed average, where 7 digits are plenty). */
  kind: 'f64' | 'f32';
  values: number;
  /** f64: first and last time seen (NaN before any), mean squared error, errors seen. */
  scalars: number;
};

/**
 * Reserves a profile of `periodMin / binMin` bins in a series' slab plan.
 *
 * @example
 * const daily = planSeasonalProfile(plan, 1440, 5, 0.3, 'f32');
 */
export function planSeasonalProfile(
  plan: SlabPlan,
  periodMin: number,
  binMin: number,
  gamma: number,
  kind: 'f64' | 'f32',
): SeasonalProfileShape {
  const bins = Math.max(1, Math.round(periodMin / binMin));
  return { periodMin, binMin, gamma, bins, kind, values: plan.take(kind, bins), scalars: plan.take('f64', 4) };
}

/**
 * A bounded profile of a recurring pattern: one exponentially smoothed value per phase bin
 * (`periodMin / binMin` numbers, 288 for a day of 5-minute bins), learned in O(1) per sample.
 *
 * @example
 * const slab = new Slab(plan);
 * const daily = createSeasonalProfile(planSeasonalProfile(plan, 1440, 5, 0.3, 'f32'), slab);
 * daily.update({ t, value });
 */
export function createSeasonalProfile(shape: SeasonalProfileShape, slab: Slab): SeasonalProfile {
  return new BinnedProfile(shape, slab);
}

/** A class, so the methods are shared by every series' profiles instead of allocated per profile. */
class BinnedProfile implements SeasonalProfile {
  /** NaN marks a phase not seen yet (samples are finite). */
  private readonly values: Float64Array | Float32Array;

  constructor(
    private readonly shape: SeasonalProfileShape,
    private readonly slab: Slab,
  ) {
    this.values = shape.kind === 'f64' ? slab.f64 : slab.f32;
    this.values.fill(Number.NaN, shape.values, shape.values + shape.bins);
    slab.f64.set([Number.NaN, Number.NaN, 0, 0], shape.scalars);
  }

  get periodMin(): number {
    return this.shape.periodMin;
  }

  update(sample: Sample): void {
    const { f64 } = this.slab;
    const s = this.shape.scalars;
    if (Number.isNaN(f64[s]!)) f64[s] = sample.t;
    f64[s + 1] = sample.t;
    const b = this.shape.values + this.binOf(sample.t);
    const smoothed = this.values[b]!;
    if (Number.isNaN(smoothed)) {
      this.values[b] = sample.value;
      return;
    }
    const err = sample.value - smoothed;
    // Exponentially weighted, so the error estimate follows regime changes.
    f64[s + 2] = f64[s + 3] === 0 ? err * err : 0.98 * f64[s + 2]! + 0.02 * err * err;
    f64[s + 3]!++;
    this.values[b] = smoothed + this.shape.gamma * err;
  }

  at(t: number): number | null {
    const v = this.values[this.shape.values + this.binOf(t)]!;
    return Number.isNaN(v) ? null : v;
  }

  ready(periods: number): boolean {
    const { f64 } = this.slab;
    const s = this.shape.scalars;
    // NaN before the first sample: the comparison is false.
    return f64[s + 1]! - f64[s]! >= periods * this.shape.periodMin * MS_PER_MIN;
  }

  sigma(): number {
    return Math.sqrt(this.slab.f64[this.shape.scalars + 2]!);
  }

  private binOf(t: number): number {
    const { periodMin, binMin, bins } = this.shape;
    // One floating remainder (a library call, the cost of a forecast's ~700 lookups), not two.
    let phase = (t / MS_PER_MIN) % periodMin;
    if (phase < 0) phase += periodMin;
    return Math.floor(phase / binMin) % bins;
  }
}
