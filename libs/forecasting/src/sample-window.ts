import type { Slab, SlabPlan } from './slab';
import type { Sample, SampleWindow } from './types';

/** Times are held as milliseconds after the oldest kept sample's base: 49.7 days fit in 32 bits. */
const MAX_OFFSET = 0xffff_ffff;

/** Where one configuration's sample rings keep their numbers in a series' slab. */
export type SampleRingShape = {
  capacity: number;
  /** u32: times, ms after the base. */
  times: number;
  /** f32: values. */
  values: number;
  /** f64: the base time, then the newest value as it came. */
  scalars: number;
};

/**
 * Reserves a ring of `capacity` samples in a series' slab plan: 8 bytes a sample.
 *
 * @example
 * const shape = planSampleRing(plan, 288);
 */
export function planSampleRing(plan: SlabPlan, capacity: number): SampleRingShape {
  return {
    capacity,
    times: plan.take('u32', capacity),
    values: plan.take('f32', capacity),
    scalars: plan.take('f64', 2),
  };
}

/**
 * The newest `capacity` samples of a series in its slab: times as 32-bit milliseconds after a
 * base (exact), values as Float32 (within 6e-8 of what came, relatively; the newest one is kept as
 * it came, for the forecast's `current`) — 8 bytes a sample, 2.3 KiB for a day of 5-minute
 * samples. It is itself the window of every kept sample (oldest first), and `since` gives
 * the newest part; models read both in place.
 *
 * @example
 * const ring = new SampleRing(planSampleRing(plan, 288), slab);
 * ring.push({ t, value });
 * holtModel().fit(ring);
 */
export class SampleRing implements SampleWindow {
  private head = 0;
  private count = 0;

  constructor(
    private readonly shape: SampleRingShape,
    private readonly slab: Slab,
  ) {}

  get length(): number {
    return this.count;
  }

  t(i: number): number {
    return this.slab.f64[this.shape.scalars]! + this.slab.u32[this.shape.times + this.slot(i)]!;
  }

  value(i: number): number {
    return this.slab.f32[this.shape.values + this.slot(i)]!;
  }

  push(sample: Sample): void {
    const { f64, u32, f32 } = this.slab;
    const { scalars, capacity } = this.shape;
    if (this.count === 0) f64[scalars] = sample.t;
    if (sample.t - f64[scalars]! > MAX_OFFSET) this.rebase(sample.t);
    const slot = this.count < capacity ? this.slot(this.count) : this.head;
    u32[this.shape.times + slot] = sample.t - f64[scalars]!;
    f32[this.shape.values + slot] = sample.value;
    f64[scalars + 1] = sample.value;
    if (this.count < capacity) this.count++;
    else this.head = this.head + 1 === capacity ? 0 : this.head + 1;
  }

  /** The newest sample, its value as it came; null while empty. */
  last(): Sample | null {
    return this.count === 0 ? null : { t: this.t(this.count - 1), value: this.slab.f64[this.shape.scalars + 1]! };
  }

  /** The kept samples at or after time `oldest`, read in place. */
  since(oldest: number): SampleWindow {
    let from = this.length;
    while (from > 0 && this.t(from - 1) >= oldest) from--;
    return new TailWindow(this, from);
  }

  private slot(i: number): number {
    const k = this.head + i;
    return k < this.shape.capacity ? k : k - this.shape.capacity;
  }

  /**
   * Moves the base to the oldest sample within 2³² ms of `newest`; older ones (a window
   * spanning more than 49 days: polls hours apart) are dropped.
   */
  private rebase(newest: number): void {
    while (this.count > 0 && newest - this.t(0) > MAX_OFFSET) {
      this.head = this.head + 1 === this.shape.capacity ? 0 : this.head + 1;
      this.count--;
    }
    const { f64, u32 } = this.slab;
    const base = this.count > 0 ? this.t(0) : newest;
    const shift = base - f64[this.shape.scalars]!;
    for (let i = 0; i < this.count; i++) u32[this.shape.times + this.slot(i)]! -= shift;
    f64[this.shape.scalars] = base;
  }
}

/** The samples of a window from its `from`-th oldest on. */
class TailWindow implements SampleWindow {
  readonly length: number;

  constructor(
    private readonly window: SampleWindow,
    private readonly from: number,
  ) {
    this.length = window.length - from;
  }

  t(i: number): number {
    return this.window.t(this.from + i);
  }

  value(i: number): number {
    return this.window.value(this.from + i);
  }
}

/**
 * A window over an array of samples (oldest first), for fitting a model to samples held as
 * objects: tests, backtests, one-off fits.
 *
 * @example
 * olsModel.fit(windowOf([{ t: 0, value: 1 }, { t: 60_000, value: 2 }]))?.slopePerMin; // 1
 */
export function windowOf(samples: readonly Sample[]): SampleWindow {
  return {
    length: samples.length,
    t: (i) => samples[i]!.t,
    value: (i) => samples[i]!.value,
  };
}
