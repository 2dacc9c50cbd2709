import type { Prediction } from './model';

/** Standard normal quantiles for the two-sided 80 % and 95 % intervals. */
export const Z80 = 1.2816;
export const Z95 = 1.96;

/**
 * A prediction with a normal interval of the given spread around the value.
 *
 * @example
 * normalPrediction(50, 2).hi80; // 52.56
 */
export function normalPrediction(value: number, spread: number): Prediction {
  return {
    value,
    lo80: value - Z80 * spread,
    hi80: value + Z80 * spread,
    lo95: value - Z95 * spread,
    hi95: value + Z95 * spread,
  };
}

/** Sample standard deviation (two passes, summed in order); 0 for fewer than two values. */
export function stdDev(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/** Median of a copy of the values (sorted as a typed array: numeric, no comparator); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
