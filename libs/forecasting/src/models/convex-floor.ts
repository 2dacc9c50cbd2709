import { MS_PER_HOUR } from '@autoscale/time-units';
import type { Sample } from '../types';

/** A fitted floor curve: value at a time, slope now, residual spread and slope uncertainty. */
export type FloorCurve = {
  at(t: number): number;
  /** Slope at the newest point (per minute). */
  slopePerMin: number;
  /** Residual standard deviation of the points about the curve. */
  sigma: number;
  /** Standard error of the slope (per minute). */
  slopeSe: number;
};

type Coefficients = { a: number; b: number; c: number };

/**
 * Least squares of v = a + b·x + c·x² (x in hours from `now`) with c ≥ 0: a leak grows at
 * least linearly, so a parabola is kept only when it bends upwards (an accelerating leak,
 * which a line fitted over hours would see late), else the line. Null for fewer than three
 * points.
 *
 * @example
 * fitConvexFloor(bottoms, now)?.at(now + 3_600_000); // the floor in an hour
 */
export function fitConvexFloor(points: readonly Sample[], now: number): FloorCurve | null {
  if (points.length < 3) return null;
  const xs = points.map((p) => (p.t - now) / MS_PER_HOUR);
  const ys = points.map((p) => p.value);
  const line = solve(xs, ys, 2);
  const parabola = points.length >= 5 ? solve(xs, ys, 3) : null;
  const fit = parabola && parabola.c > 0 ? parabola : line;
  if (!fit) return null;
  const dof = Math.max(1, points.length - (fit === line ? 2 : 3));
  const sse = xs.reduce((s, x, i) => s + (ys[i]! - (fit.a + fit.b * x + fit.c * x * x)) ** 2, 0);
  const sigma = Math.sqrt(sse / dof);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sxx = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  return {
    at: (t: number) => {
      const x = (t - now) / MS_PER_HOUR;
      return fit.a + fit.b * x + fit.c * x * x;
    },
    slopePerMin: fit.b / 60,
    sigma,
    slopeSe: sxx > 0 ? sigma / Math.sqrt(sxx) / 60 : Infinity,
  };
}

/** Normal equations for the first `k` (2 or 3) polynomial coefficients, by Gaussian elimination. */
function solve(xs: readonly number[], ys: readonly number[], k: 2 | 3): Coefficients | null {
  const m = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let i = 0; i < xs.length; i++) {
    const powers = [1, xs[i]!, xs[i]! * xs[i]!];
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) m[r]![c]! += powers[r]! * powers[c]!;
      m[r]![k]! += powers[r]! * ys[i]!;
    }
  }
  for (let p = 0; p < k; p++) {
    const pivot = m[p]![p]!;
    if (Math.abs(pivot) < 1e-12) return null;
    for (let r = 0; r < k; r++) {
      if (r === p) continue;
      const f = m[r]![p]! / pivot;
      for (let c = p; c <= k; c++) m[r]![c]! -= f * m[p]![c]!;
    }
  }
  const coef = m.map((row, r) => row[k]! / row[r]!);
  return { a: coef[0]!, b: coef[1]!, c: k === 3 ? coef[2]! : 0 };
}
