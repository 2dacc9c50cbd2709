import { MS_PER_MIN } from '@autoscale/time-units';
import type { FittedModel, Prediction } from './models/model';

/** Half-widths of the 80 % and 95 % intervals at one horizon. */
type Widths = { h: number; w80: number; w95: number };

/**
 * Replaces a model's own interval with one calibrated on its recent out-of-sample errors:
 * at each tracked horizon the 80 % (95 %) half-width is the 80th (95th) percentile of the
 * absolute errors, interpolated between horizons and grown with √h beyond them. When too few
 * errors are known the model's own interval is kept.
 *
 * @example
 * calibrated(fitted, lastT, tracker.horizonsMin, tracker.errorsOf('holt'), 24);
 */
export function calibrated(
  fitted: FittedModel,
  from: number,
  horizonsMin: readonly number[],
  errors: readonly ArrayLike<number>[],
  minCount: number,
): FittedModel {
  if (errors.length !== horizonsMin.length || errors.some((e) => e.length < minCount)) return fitted;
  const widths = widthsOf(horizonsMin, errors);
  const at: Widths = { h: 0, w80: 0, w95: 0 };
  return {
    ...fitted,
    predict(t: number): Prediction {
      const value = fitted.predict(t).value;
      widthsAt(widths, Math.max(0, (t - from) / MS_PER_MIN), at);
      return { value, lo80: value - at.w80, hi80: value + at.w80, lo95: value - at.w95, hi95: value + at.w95 };
    },
  };
}

/** Reused for every calibration: one series is calibrated at a time, and sorting needs a copy. */
let scratch = new Float64Array(256);

/**
 * Interval half-widths at each horizon from its errors (any order: they are sorted). The
 * absolute errors are sorted in a reused typed array (numeric sort, no comparator, nothing
 * allocated): the same quantiles as sorting an array, at a fraction of the cost.
 */
function widthsOf(horizonsMin: readonly number[], errors: readonly ArrayLike<number>[]): Widths[] {
  return horizonsMin.map((h, k) => {
    const source = errors[k]!;
    if (scratch.length < source.length) scratch = new Float64Array(source.length * 2);
    const abs = scratch.subarray(0, source.length);
    for (let i = 0; i < source.length; i++) abs[i] = Math.abs(source[i]!);
    // Only the four order statistics the two quantiles read are put in place, not the whole array.
    const w80 = quantile(abs, 0.8, 0);
    return { h, w80, w95: quantile(abs, 0.95, positionsOf(abs.length, 0.8).hi + 1) };
  });
}

/** The half-widths at horizon h, written into `out` (called ~250 times a forecast: no allocation). */
function widthsAt(widths: readonly Widths[], h: number, out: Widths): void {
  const first = widths[0]!;
  const last = widths[widths.length - 1]!;
  if (h <= first.h) return scale(first, Math.sqrt(h / first.h), h, out);
  if (h >= last.h) return scale(last, Math.sqrt(h / last.h), h, out);
  const i = widths.findIndex((w) => w.h >= h);
  const a = widths[i - 1]!;
  const b = widths[i]!;
  const f = (h - a.h) / (b.h - a.h);
  out.h = h;
  out.w80 = a.w80 + f * (b.w80 - a.w80);
  out.w95 = a.w95 + f * (b.w95 - a.w95);
}

function scale(w: Widths, f: number, h: number, out: Widths): void {
  out.h = h;
  out.w80 = w.w80 * f;
  out.w95 = w.w95 * f;
}

const positionsOf = (n: number, q: number) => {
  const pos = (n - 1) * q;
  return { pos, lo: Math.floor(pos), hi: Math.ceil(pos) };
};

/**
 * The q-quantile (linear between order statistics, as of a sorted array) of `values`, whose
 * elements before `from` are already the smallest, in order. Moves elements: afterwards
 * every element up to the quantile's upper position is in its sorted place.
 */
function quantile(values: Float64Array, q: number, from: number): number {
  const { pos, lo, hi } = positionsOf(values.length, q);
  select(values, Math.max(lo, from), from, values.length - 1);
  if (hi !== lo) select(values, hi, lo + 1, values.length - 1);
  return values[lo]! + (values[hi]! - values[lo]!) * (pos - lo);
}

/** Quickselect: puts the k-th smallest of a[left..right] at k, smaller ones before it, larger after. */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const pivot = a[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}
