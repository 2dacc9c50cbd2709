import { MS_PER_MIN } from '@autoscale/time-units';
import { decodeAbsError, encodeAbsError } from './abs-error-code';
import type { FittedModel } from './models/model';
import type { Slab, SlabPlan } from './slab';
import type { Sample } from './types';

/**
 * Pending target times are held as whole seconds after a base that moves on (by whole
 * seconds) before they overflow 16 bits: a target is matched to a sample within minutes, so
 * half a second does not matter.
 */
const MAX_OFFSET_S = 0xffff;

export type ErrorTrackerOptions = {
  /** Horizons (minutes) at which each model's forecasts are checked against what came. */
  horizonsMin: number[];
  /** Errors kept per model and horizon: the "recent" in recent out-of-sample error. */
  memory: number;
  /** A forecast is recorded at most this often, which bounds the pending queue. */
  recordEveryMin: number;
  /** An actual sample counts for a target time within this distance. */
  toleranceMin: number;
};

/** Where one configuration's trackers keep their numbers in a series' slab; shared by all its series. */
export type ErrorTrackerShape = {
  models: number;
  opts: ErrorTrackerOptions;
  /** u16: ring r (model × horizons + k) of absolute-error codes at `codes + r × memory`. */
  codes: number;
  /** u16: per ring its count, then per ring its next slot. */
  ringIndex: number;
  /** f64: per ring the sum of its decoded errors, per model when it last recorded, the pending base. */
  sums: number;
  /** Pending ring r: target times (u16 seconds) and forecast values (f32) from `pendingStart[r]`, capacity to `pendingStart[r + 1]`. */
  pendingStart: readonly number[];
  pendingTimes: number;
  pendingValues: number;
  /** u16: per pending ring its oldest slot, then its count. */
  pendingIndex: number;
};

/**
 * Reserves a tracker's place in a series' slab plan: models × horizons rings of `memory`
 * 16-bit error codes, and the pending forecasts of each ring.
 *
 * @example
 * const shape = planErrorTracker(plan, 5, DEFAULT_OPTIONS);
 */
export function planErrorTracker(plan: SlabPlan, models: number, opts: ErrorTrackerOptions): ErrorTrackerShape {
  const rings = models * opts.horizonsMin.length;
  // A forecast h ahead is settled by the first sample after its target, so the ones pending
  // were recorded within the last h minutes, at most one per `recordEveryMin`: none is dropped.
  const capacities = Array.from({ length: models }, () =>
    opts.horizonsMin.map((h) => Math.floor(h / opts.recordEveryMin) + 1),
  ).flat();
  const pendingStart = [0];
  for (const c of capacities) pendingStart.push(pendingStart.at(-1)! + c);
  const pending = pendingStart.at(-1)!;
  return {
    models,
    opts,
    codes: plan.take('u16', rings * opts.memory),
    ringIndex: plan.take('u16', 2 * rings),
    sums: plan.take('f64', rings + models + 1),
    pendingStart,
    pendingTimes: plan.take('u16', pending),
    pendingValues: plan.take('f32', pending),
    pendingIndex: plan.take('u16', 2 * rings),
  };
}

/**
 * Out-of-sample errors of several models (by index): each model's forecasts for `now + h`
 * are held until a sample arrives near that time, and the absolute error is kept, as a
 * rounded-up 16-bit code (`encodeAbsError`), in a bounded ring per horizon, with a running
 * sum for the mean. All of it lives in the series' slab: 2 bytes an error, where Float64
 * took 8 (4.2 KiB for 5 models × 3 horizons × 144, was 17).
 *
 * @example
 * const errors = new ErrorTracker(shape, slab);
 * errors.observe(sample); errors.record(2, sample.t, fitted);
 */
export class ErrorTracker {
  constructor(
    private readonly shape: ErrorTrackerShape,
    private readonly slab: Slab,
  ) {
    slab.f64.fill(Number.NEGATIVE_INFINITY, shape.sums + this.rings, shape.sums + this.rings + shape.models);
    // No base until the first forecast is queued.
    slab.f64[shape.sums + this.rings + shape.models] = Number.NaN;
  }

  get horizonsMin(): readonly number[] {
    return this.shape.opts.horizonsMin;
  }

  observe(sample: Sample): void {
    const { pendingStart, pendingTimes, pendingValues, pendingIndex, sums } = this.shape;
    const { u16, f64, f32 } = this.slab;
    const tol = this.shape.opts.toleranceMin * MS_PER_MIN;
    const base = f64[sums + this.rings + this.shape.models]!;
    for (let r = 0; r < this.rings; r++) {
      const start = pendingStart[r]!;
      const capacity = pendingStart[r + 1]! - start;
      while (u16[pendingIndex + this.rings + r]! > 0) {
        const slot = start + u16[pendingIndex + r]!;
        const target = base + u16[pendingTimes + slot]! * 1000;
        if (target > sample.t + tol) break;
        u16[pendingIndex + r] = (u16[pendingIndex + r]! + 1) % capacity;
        u16[pendingIndex + this.rings + r]!--;
        if (Math.abs(target - sample.t) <= tol) this.push(r, Math.abs(sample.value - f32[pendingValues + slot]!));
      }
    }
  }

  record(model: number, now: number, fitted: FittedModel): void {
    const { f64 } = this.slab;
    const last = this.shape.sums + this.rings + model;
    if (now - f64[last]! < this.shape.opts.recordEveryMin * MS_PER_MIN) return;
    f64[last] = now;
    this.horizonsMin.forEach((h, k) => {
      const target = now + h * MS_PER_MIN;
      this.pend(model * this.horizonsMin.length + k, target, fitted.predict(target).value);
    });
  }

  /** Mean absolute error over all horizons; null until every horizon has `minCount` errors. */
  meanAbsError(model: number, minCount: number): number | null {
    const { u16, f64 } = this.slab;
    const horizons = this.horizonsMin.length;
    let sum = 0;
    let count = 0;
    for (let r = model * horizons; r < (model + 1) * horizons; r++) {
      const n = u16[this.shape.ringIndex + r]!;
      if (n < minCount) return null;
      sum += f64[this.shape.sums + r]!;
      count += n;
    }
    return sum / count;
  }

  /** The absolute-error codes of a model at each horizon, in no particular order (views, not copies). */
  codesOf(model: number): Uint16Array[] {
    const horizons = this.horizonsMin.length;
    return this.horizonsMin.map((_, k) => {
      const r = model * horizons + k;
      const from = this.shape.codes + r * this.shape.opts.memory;
      return this.slab.u16.subarray(from, from + this.slab.u16[this.shape.ringIndex + r]!);
    });
  }

  private get rings(): number {
    return this.shape.models * this.shape.opts.horizonsMin.length;
  }

  /** Appends an absolute error to ring r, over its oldest when full, keeping the ring's sum. */
  private push(r: number, abs: number): void {
    const { u16, f64 } = this.slab;
    const { codes, ringIndex, sums, opts } = this.shape;
    const next = u16[ringIndex + this.rings + r]!;
    const slot = codes + r * opts.memory + next;
    const count = u16[ringIndex + r]!;
    if (count === opts.memory) f64[sums + r]! -= decodeAbsError(u16[slot]!);
    else u16[ringIndex + r] = count + 1;
    const code = encodeAbsError(abs);
    u16[slot] = code;
    f64[sums + r]! += decodeAbsError(code);
    const following = next + 1 === opts.memory ? 0 : next + 1;
    u16[ringIndex + this.rings + r] = following;
    // Once a lap, the running sum is taken afresh, so rounding never accumulates.
    if (following === 0) f64[sums + r] = this.sumOf(r);
  }

  private sumOf(r: number): number {
    const from = this.shape.codes + r * this.shape.opts.memory;
    let sum = 0;
    for (let i = from; i < from + this.slab.u16[this.shape.ringIndex + r]!; i++)
      sum += decodeAbsError(this.slab.u16[i]!);
    return sum;
  }

  /** Queues a forecast of ring r; a target past 16 bits of seconds moves the base on to two longest horizons before it. */
  private pend(r: number, target: number, value: number): void {
    const { u16, f64, f32 } = this.slab;
    const { pendingStart, pendingTimes, pendingValues, pendingIndex, sums } = this.shape;
    const baseAt = sums + this.rings + this.shape.models;
    if (!(target - f64[baseAt]! <= MAX_OFFSET_S * 1000))
      this.rebase(target - this.horizonsMin.at(-1)! * 2 * MS_PER_MIN);
    const start = pendingStart[r]!;
    const capacity = pendingStart[r + 1]! - start;
    const count = u16[pendingIndex + this.rings + r]!;
    const head = u16[pendingIndex + r]!;
    // Never full (see planErrorTracker); were it, the oldest would be dropped.
    const slot = start + (count === capacity ? head : (head + count) % capacity);
    if (count === capacity) u16[pendingIndex + r] = (head + 1) % capacity;
    else u16[pendingIndex + this.rings + r] = count + 1;
    u16[pendingTimes + slot] = Math.round((target - f64[baseAt]!) / 1000);
    f32[pendingValues + slot] = value;
  }

  /**
   * Moves the pending base on to about `base`, by whole seconds so that the targets held keep
   * their value (every pending target is later: they lie within the longest horizon).
   */
  private rebase(base: number): void {
    const { u16, f64 } = this.slab;
    const { pendingStart, pendingTimes, sums } = this.shape;
    const baseAt = sums + this.rings + this.shape.models;
    const old = f64[baseAt]!;
    if (Number.isNaN(old)) {
      f64[baseAt] = base;
      return;
    }
    const shift = Math.floor((base - old) / 1000);
    for (let slot = 0; slot < pendingStart.at(-1)!; slot++)
      u16[pendingTimes + slot] = Math.max(0, u16[pendingTimes + slot]! - shift);
    f64[baseAt] = old + shift * 1000;
  }
}
