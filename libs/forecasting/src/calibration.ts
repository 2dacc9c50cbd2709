import { MS_PER_MIN } from '@autoscale/time-units';
import { decodeAbsError } from './abs-error-code';
import type { FittedModel, Prediction } from './models/model';
import { select } from './select';

/** Half-widths of the 80 % and 95 % intervals at one horizon. */
type Widths = { h: number; w80: number; w95: number };

/**
 * Replaces a model's own interval with one calibrated on its recent out-of-sample errors
 * (their `encodeAbsError` codes): at each tracked horizon the 80 % (95 %) half-width is the
 * 80th (95th) percentile of the absolute errors, interpolated between horizons and grown with
 * √h beyond them. When too few errors are known the model's own interval is kept.
 *
 * @example
 * calibrated(fitted, lastT, tracker.horizonsMin, tracker.codesOf(2), 24);
 */
export function calibrated(
  fitted: FittedModel,
  from: number,
  horizonsMin: readonly number[],
  errors: readonly Uint16Array[],
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

/** Reused for every calibration: one series is calibrated at a time, and selecting moves codes. */
let scratch = new Uint16Array(256);

/**
 * Interval half-widths at each horizon from its error codes (any order). Codes order as the
 * errors they stand for, so the order statistics are selected among the codes, in a reused
 * typed array (nothing allocated), and only the four the two quantiles read are decoded.
 */
function widthsOf(horizonsMin: readonly number[], errors: readonly Uint16Array[]): Widths[] {
  return horizonsMin.map((h, k) => {
    const source = errors[k]!;
    if (scratch.length < source.length) scratch = new Uint16Array(source.length * 2);
    const codes = scratch.subarray(0, source.length);
    codes.set(source);
    // Only the four order statistics the two quantiles read are put in place, not the whole array.
    const w80 = quantile(codes, 0.8, 0);
    return { h, w80, w95: quantile(codes, 0.95, positionsOf(codes.length, 0.8).hi + 1) };
  });
}

/** The half-widths at horizon h, written into `out` (called ~250 times a forecast: no allocation). */
function widthsAt(widths: readonly Widths[], h: number, out: Widths): void {
  const first = widths[0]!;
  const last = widths[widths.length - 1]!;
  if (h <= first.h) return scale(first, Math.sqrt(h / first.h), h, out);
  if (h >= last.h) return scale(last, Math.sqrt(h / last.h), h, out);
  let i = 1;
  while (widths[i]!.h < h) i++;
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
 * The q-quantile (linear between order statistics, as of a sorted array) of the errors of `codes`, whose
 * elements before `from` are already the smallest, in order. Moves elements: afterwards
 * every element up to the quantile's upper position is in its sorted place.
 */
function quantile(codes: Uint16Array, q: number, from: number): number {
  const { pos, lo, hi } = positionsOf(codes.length, q);
  select(codes, Math.max(lo, from), from, codes.length - 1);
  if (hi !== lo) select(codes, hi, lo + 1, codes.length - 1);
  const low = decodeAbsError(codes[lo]!);
  return low + (decodeAbsError(codes[hi]!) - low) * (pos - lo);
}
